package jobs.x402.console.core.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** logback's %ex with secret shapes masked: drivers and HTTP clients put URLs in their exception messages. */
public class MaskedThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return SecretPatterns.mask(super.throwableProxyToString(proxy));
    }
}

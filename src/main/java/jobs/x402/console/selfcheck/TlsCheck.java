package jobs.x402.console.selfcheck;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.util.Arrays;

/**
 * TLS as OpenRouter and PostgreSQL over SSL need it, without the network: the default trust store has roots and a
 * client hello with TLS 1.3 and an elliptic-curve key share can be produced. A runtime image that lacks
 * jdk.crypto.ec or the cacerts file fails here instead of at the first HTTPS call.
 */
final class TlsCheck implements StartupCheck {
    @Override
    public String name() {
        return "tls";
    }

    @Override
    public String description() {
        return "TLS 1.3 client hello and the default trust store";
    }

    @Override
    public String run() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init((KeyStore) null);
        int roots = Arrays.stream(trust.getTrustManagers())
                .filter(X509TrustManager.class::isInstance)
                .mapToInt(m -> ((X509TrustManager) m).getAcceptedIssuers().length)
                .sum();
        if (roots == 0) {
            throw new IllegalStateException("the default trust store holds no certificate authorities");
        }
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, trust.getTrustManagers(), null);
        SSLEngine engine = context.createSSLEngine("openrouter.ai", 443);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        engine.beginHandshake();
        ByteBuffer network = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), network);
        if (result.bytesProduced() == 0) {
            throw new IllegalStateException("the TLS engine produced no client hello (" + result + ")");
        }
        boolean ecdhe = Arrays.stream(engine.getEnabledCipherSuites()).anyMatch(s -> s.contains("ECDHE"));
        if (!ecdhe) {
            throw new IllegalStateException("no ECDHE cipher suite is enabled: the jdk.crypto.ec module is missing");
        }
        engine.closeOutbound();
        return "client hello of " + result.bytesProduced() + " bytes, " + roots + " trusted roots, "
                + engine.getEnabledCipherSuites().length + " cipher suites";
    }
}

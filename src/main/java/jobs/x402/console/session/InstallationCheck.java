package jobs.x402.console.session;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.selfcheck.SelfCheck;
import jobs.x402.console.selfcheck.SelfCheckReport;

/** The installation's self-check ({@code --self-check}): libraries, PostgreSQL binaries, TLS, Hibernate, toolkit. */
public final class InstallationCheck {
    private InstallationCheck() {
    }

    public static SelfCheckReport run(ProgressListener progress) {
        return SelfCheck.standard(ConsoleSession.entityClasses()).run(progress);
    }
}

package jobs.x402.console.session;

import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.target.TargetIdentity;

/** Who and where a target is, read over one short connection without opening a session ({@code db ping}). */
public final class TargetProbe {
    private TargetProbe() {
    }

    public static TargetIdentity identify(ConnectionTarget target) {
        return DatabaseSession.probe(target);
    }
}

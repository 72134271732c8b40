package jobs.x402.console.db;

import jobs.x402.console.core.Secret;

/**
 * A profile about to be connected to, with the password for this session only.
 *
 * @param password null when the server needs none (the sandbox trusts local connections)
 */
public record ConnectionTarget(ConnectionProfile profile, TargetKind kind, Secret password) {

    public static ConnectionTarget of(ConnectionProfile profile, Secret password) {
        return new ConnectionTarget(profile, profile.isLoopback() ? TargetKind.LOCAL : TargetKind.REMOTE, password);
    }

    public static ConnectionTarget sandbox(ConnectionProfile profile) {
        return new ConnectionTarget(profile, TargetKind.SANDBOX, null);
    }

    @Override
    public String toString() {
        return "ConnectionTarget[" + kind + " " + profile.user() + "@" + profile.address() + "]";
    }
}

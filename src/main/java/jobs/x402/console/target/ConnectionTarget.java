package jobs.x402.console.target;

import jobs.x402.console.core.Secret;

/**
 * A profile about to be connected to, with the password for this session only.
 *
 * @param password null when the server needs none (the sandbox trusts local connections)
 * @param cleartextPasswordAllowed the operator accepted that a password may cross the network unencrypted
 *                                 (sslmode disable, allow or prefer to a remote host)
 */
public record ConnectionTarget(ConnectionProfile profile, TargetKind kind, Secret password,
                               boolean cleartextPasswordAllowed) {

    public ConnectionTarget(ConnectionProfile profile, TargetKind kind, Secret password) {
        this(profile, kind, password, false);
    }

    public ConnectionTarget allowingCleartextPassword() {
        return new ConnectionTarget(profile, kind, password, true);
    }

    /**
     * A remote host with an sslmode that may talk without TLS: a server that asks for plain password (or md5)
     * authentication would then receive the password in the clear, or as a replayable hash.
     */
    public boolean passwordMayTravelInClear() {
        SslMode mode = profile.effectiveSslMode();
        return password != null && !profile.isLoopback()
                && (mode == SslMode.DISABLE || mode == SslMode.ALLOW || mode == SslMode.PREFER);
    }

    /** Refuses before anything is sent, unless the operator opted in for this connection. */
    public void refuseCleartextPasswordUnlessAllowed() {
        if (passwordMayTravelInClear() && !cleartextPasswordAllowed) {
            throw jobs.x402.console.core.OperatorException.refused("With sslmode=" + profile.effectiveSslMode()
                            + " the connection to " + profile.host() + " may run without TLS, and a server that asks"
                            + " for password authentication would receive the password of " + profile.user()
                            + " unencrypted. Nothing was sent",
                    "use sslmode=require or stronger (verify-full with the CA certificate is best), or allow a"
                            + " cleartext password explicitly for this connection");
        }
    }

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

package jobs.x402.console.target;

import java.util.Locale;

/** Supabase's connection pooler (Supavisor) modes, recognised from host and port. */
public enum PoolerMode {
    DIRECT,
    SESSION_POOLER,
    TRANSACTION_POOLER;

    static PoolerMode detect(String host, int port) {
        boolean poolerHost = host != null && host.toLowerCase(Locale.ROOT).contains("pooler.supabase.com");
        if (port == 6543) {
            return TRANSACTION_POOLER;
        }
        return poolerHost ? SESSION_POOLER : DIRECT;
    }

    /** Why some operations cannot run through this endpoint, or empty when all can. */
    public String limitation() {
        if (this == TRANSACTION_POOLER) {
            return "The Supabase transaction pooler (port 6543) hands each transaction to a different server "
                    + "connection: session settings, prepared statements and advisory/Liquibase locks do not "
                    + "survive between statements. Migrations, RLS probes and key rotation need the direct "
                    + "connection (db.<ref>.supabase.co:5432) or the session pooler (port 5432).";
        }
        return "";
    }
}

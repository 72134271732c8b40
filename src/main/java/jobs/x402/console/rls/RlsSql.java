package jobs.x402.console.rls;

import java.util.List;
import java.util.regex.Pattern;

/** Identifier quoting and the schema lists shared by the report, the lints and the probes. */
public final class RlsSql {
    /** Schemas Supabase manages itself; splinter skips them and so do we. */
    public static final List<String> SYSTEM_SCHEMAS = List.of("_timescaledb_cache", "_timescaledb_catalog",
            "_timescaledb_config", "_timescaledb_internal", "auth", "cron", "extensions", "graphql",
            "graphql_public", "information_schema", "net", "pgbouncer", "pgmq", "pgroonga", "pgsodium",
            "pgsodium_masks", "pgtle", "pg_catalog", "pg_toast", "realtime", "repack", "storage",
            "supabase_functions", "supabase_migrations", "tiger", "topology", "vault");

    /** The API roles a Supabase project has; the report shows their grants and the probes switch to them. */
    public static final List<String> API_ROLES = List.of("anon", "authenticated", "service_role");

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    private RlsSql() {
    }

    /** Quotes an identifier the way quote_ident does: only when it needs it. */
    public static String ident(String name) {
        if (PLAIN_IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    // words that must be quoted even when lower case; enough for the names tables and roles get in practice
    private static final java.util.Set<String> RESERVED = java.util.Set.of("user", "table", "select", "order",
            "group", "all", "check", "default", "where", "from", "to", "with", "limit", "offset", "end",
            "case", "when", "grant", "column", "constraint", "primary", "references", "unique", "current_user",
            "session_user", "authorization");
}

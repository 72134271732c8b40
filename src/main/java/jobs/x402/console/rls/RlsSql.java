package jobs.x402.console.rls;

import java.util.List;
import java.util.regex.Pattern;

/** Identifier quoting and the schema lists shared by the report, the lints and the probes. */
final class RlsSql {
    /** Schemas Supabase manages itself; splinter skips them and so do we. */
    public static final List<String> SYSTEM_SCHEMAS = List.of("_timescaledb_cache", "_timescaledb_catalog",
            "_timescaledb_config", "_timescaledb_internal", "auth", "cron", "extensions", "graphql",
            "graphql_public", "information_schema", "net", "pgbouncer", "pgmq", "pgroonga", "pgsodium",
            "pgsodium_masks", "pgtle", "pg_catalog", "pg_toast", "realtime", "repack", "storage",
            "supabase_functions", "supabase_migrations", "tiger", "topology", "vault");

    /** The API roles a Supabase project has; the report shows their grants and the probes switch to them. */
    public static final List<String> API_ROLES = List.of("anon", "authenticated", "service_role");

    // quote_ident leaves a name bare only when it is lower-case letters, digits and underscores
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private RlsSql() {
    }

    /** Quotes an identifier the way quote_ident does: only when it needs it. */
    public static String ident(String name) {
        if (PLAIN_IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A keyword that some PostgreSQL from 15 on does not accept bare (tests compare with the server's list). */
    static boolean isKeyword(String word) {
        return RESERVED.contains(word);
    }

    /** The server's message without its DETAIL lines and without the driver's "ERROR: " prefix. */
    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.lines().findFirst().orElse("");
        return line.startsWith("ERROR: ") ? line.substring(7) : line;
    }

    public static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * Every keyword PostgreSQL (15 to 17) does not accept as a bare identifier: its reserved, type/function-name and
     * column-name keywords ({@code select word from pg_get_keywords() where catcode <> 'U'}). quote_ident quotes
     * exactly these; a test compares this list with the server's.
     */
    private static final java.util.Set<String> RESERVED = java.util.Set.of(
            // reserved
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning",
            "select", "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true",
            "union", "unique", "user", "using", "variadic", "when", "where", "window", "with",
            // type and function names
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose",
            // column names
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "json", "json_array",
            "json_arrayagg", "json_exists", "json_object", "json_objectagg", "json_query", "json_scalar",
            "json_serialize", "json_table", "json_value", "least", "merge_action", "national", "nchar", "none",
            "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof",
            "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");
}

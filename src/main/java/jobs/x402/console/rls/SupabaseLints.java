package jobs.x402.console.rls;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.ProgressListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs splinter's lints as the console's own SQL (supabase-lints.sql): one query per lint, each under a savepoint so
 * that a lint the role may not run (or whose catalog is missing) becomes a warning and the others still answer.
 */
final class SupabaseLints {
    private static final String RESOURCE = "jobs/x402/console/rls/supabase-lints.sql";
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?<!:):(excluded_realtime|excluded|exposed|anon|authenticated|sensitive_names)\\b");
    private static final Map<LintRule, String> TEMPLATES = load();

    /** splinter's list of schemas Supabase manages itself, the one most of its lints skip. */
    static final List<String> EXCLUDED_SCHEMAS = List.of("_timescaledb_cache", "_timescaledb_catalog",
            "_timescaledb_config", "_timescaledb_internal", "auth", "cron", "extensions", "graphql", "graphql_public",
            "information_schema", "net", "pgmq", "pgroonga", "pgsodium", "pgsodium_masks", "pgtle", "pgbouncer",
            "pg_catalog", "realtime", "repack", "storage", "supabase_functions", "supabase_migrations", "tiger",
            "topology", "vault");

    private SupabaseLints() {
    }

    /** What the lints found, and the lints that could not run (with the reason, in words). */
    record Result(List<SupabaseLintRow> rows, List<String> warnings, List<LintRule> notRun) {
    }

    /** A lint's query with the target's exposed schemas filled in: plain SQL that psql runs as it is. */
    static String sql(LintRule rule, List<String> exposedSchemas) {
        String template = TEMPLATES.get(rule);
        if (template == null) {
            throw new IllegalArgumentException(rule.id() + " is not one of splinter's lints");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "excluded" -> array(EXCLUDED_SCHEMAS);
                case "excluded_realtime" -> array(EXCLUDED_SCHEMAS.stream().filter(s -> !s.equals("realtime"))
                        .toList());
                case "exposed" -> array(exposedSchemas);
                case "anon" -> roleOid("anon");
                case "authenticated" -> roleOid("authenticated");
                case "sensitive_names" -> array(RlsCatalogReader.SENSITIVE_COLUMN_NAMES);
                default -> throw new IllegalStateException(m.group(1));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Runs every splinter lint on the caller's open transaction (the catalog reader's), with search_path emptied for
     * the rest of it so expressions read back fully qualified, as splinter sees them.
     */
    static Result run(Connection connection, List<String> exposedSchemas, ProgressListener progress)
            throws SQLException {
        List<SupabaseLintRow> rows = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<LintRule> notRun = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            st.execute("set local search_path = ''");
        }
        // from pg_class, not to_regclass: to_regclass raises where the role lacks USAGE on the schema
        boolean storage = exists(connection, "select exists (select 1 from pg_catalog.pg_class c join"
                + " pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = 'storage'"
                + " and c.relname = 'buckets')");
        for (LintRule rule : TEMPLATES.keySet()) {
            progress.checkCancelled();
            if (rule == LintRule.PUBLIC_BUCKET_ALLOWS_LISTING && !storage) {
                continue; // no storage schema: no bucket can be listed (splinter answers nothing there too)
            }
            Savepoint savepoint = connection.setSavepoint();
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery(sql(rule, exposedSchemas))) {
                while (rs.next()) {
                    rows.add(new SupabaseLintRow(rule, rs.getString(1), rs.getString(2), rs.getString(3),
                            facts(rs.getString(4))));
                }
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                connection.rollback(savepoint);
                notRun.add(rule);
                warnings.add("The lint " + rule.id() + " could not run: " + RlsSql.firstLine(e.getMessage())
                        + (("42501".equals(e.getSQLState())) ? " (the connected role may not read what it needs;"
                        + " connect as the project's postgres role)" : ""));
            }
        }
        return new Result(rows, warnings, notRun);
    }

    private static JsonNode facts(String json) throws SQLException {
        if (json == null) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new SQLException("a lint returned unreadable facts", e);
        }
    }

    private static boolean exists(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static String roleOid(String role) {
        return "(select oid from pg_catalog.pg_roles where rolname = " + RlsSql.literal(role) + ")";
    }

    private static String array(List<String> values) {
        return values.stream().map(RlsSql::literal).collect(Collectors.joining(", ", "array[", "]::text[]"));
    }

    private static Map<LintRule, String> load() {
        String text;
        try (InputStream in = SupabaseLints.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the installation");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<LintRule, String> templates = new EnumMap<>(LintRule.class);
        String[] blocks = text.split("(?m)^-- lint: ");
        for (int i = 1; i < blocks.length; i++) {
            int newline = blocks[i].indexOf('\n');
            LintRule rule = LintRule.byId(blocks[i].substring(0, newline).trim());
            templates.put(rule, blocks[i].substring(newline + 1).strip());
        }
        List<LintRule> missing = LintRule.splinterLints().stream().filter(r -> !templates.containsKey(r)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " lacks the queries of " + missing);
        }
        return templates;
    }
}

package jobs.x402.console.rls;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.target.TargetIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the RLS state of every non-system table and runs splinter's lints on it: one query per catalog section and
 * one per lint, whatever the number of tables (no per-table round trips), all in one read-only transaction.
 */
public final class RlsCatalogReader {
    private static final Logger log = LoggerFactory.getLogger(RlsCatalogReader.class);

    /** Splinter's sensitive_columns_exposed names: a column named exactly one of these (case and - vs _ aside). */
    public static final List<String> SENSITIVE_COLUMN_NAMES = List.of("password", "passwd", "pwd", "passphrase",
            "secret", "secret_key", "private_key", "api_key", "apikey", "auth_key", "token", "jwt", "access_token",
            "refresh_token", "oauth_token", "session_token", "bearer_token", "auth_code", "session_id",
            "session_key", "session_secret", "recovery_code", "backup_code", "verification_code", "otp",
            "two_factor", "2fa_secret", "2fa_code", "ssn", "social_security", "social_security_number",
            "driver_license", "drivers_license", "license_number", "passport_number", "passport_id", "national_id",
            "tax_id", "credit_card", "card_number", "cvv", "cvc", "cvn", "bank_account", "account_number",
            "routing_number", "iban", "swift_code", "bic", "health_record", "medical_record", "patient_id",
            "insurance_number", "health_insurance", "medical_insurance", "treatment", "mac_address", "macaddr",
            "imei", "device_uuid", "pgp_key", "gpg_key", "ssh_key", "certificate", "license_key",
            "activation_key", "facial_recognition");

    /**
     * Words that make a column look like a credential even when its name is not on the exact list, e.g.
     * encrypted_api_key. Matched between underscores so that max_tokens is not a token.
     */
    public static final String SECRET_COLUMN_PATTERN = "(^|_)(secret|password|passwd|passphrase|token|apikey"
            + "|credentials?|encrypted|ciphertext)(_|$)|api_?key|private_?key|access_?key";

    private final DatabaseSession session;
    private final List<String> configuredExposedSchemas;
    private final boolean withLints;

    /**
     * @param exposedSchemas the schemas PostgREST serves; empty means: read pgrst.db_schemas from the target,
     *                       falling back to public
     */
    public RlsCatalogReader(DatabaseSession session, List<String> exposedSchemas) {
        this(session, exposedSchemas, true);
    }

    private RlsCatalogReader(DatabaseSession session, List<String> exposedSchemas, boolean withLints) {
        this.session = session;
        this.configuredExposedSchemas = List.copyOf(exposedSchemas);
        this.withLints = withLints;
    }

    /** The same reader without splinter's lints: for work that needs the tables and policies only (the matrix). */
    public RlsCatalogReader withoutLints() {
        return new RlsCatalogReader(session, configuredExposedSchemas, false);
    }

    public RlsCatalog read(ProgressListener progress) {
        long started = System.nanoTime();
        progress.progress(0, CatalogSection.values().length + 1, "Reading row level security from the catalog");
        try (Connection connection = session.connection()) {
            return read(connection, session.identity(), configuredExposedSchemas, progress, started, withLints);
        } catch (SQLException e) {
            throw OperatorException.failure("Reading row level security failed on " + session.identity().bannerLine()
                    + ": " + e.getMessage(), "check that the role may read pg_catalog", e);
        }
    }

    /** Reads on a connection the caller owns (the benchmark uses a plain JDBC connection). */
    public static RlsCatalog read(Connection connection, TargetIdentity identity, List<String> exposedSchemas,
                                  ProgressListener progress, long startedNanos) throws SQLException {
        return read(connection, identity, exposedSchemas, progress, startedNanos, true);
    }

    private static RlsCatalog read(Connection connection, TargetIdentity identity, List<String> exposedSchemas,
                                   ProgressListener progress, long startedNanos, boolean withLints)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            // schema-qualified expression text (auth.uid(), not uid()) whatever the operator's search_path
            st.execute("set local search_path = pg_catalog");
            List<String> exposed = exposedSchemas.isEmpty() ? readExposedSchemas(st) : exposedSchemas;
            Map<CatalogSection, String> queries = queries(exposed, identity.serverVersionNum());
            List<String> warnings = new ArrayList<>();
            Set<CatalogSection> unreadable = EnumSet.noneOf(CatalogSection.class);
            Reader reader = new Reader(connection, queries, warnings, unreadable, progress);

            Map<Long, TableRow> tables = new LinkedHashMap<>();
            reader.section(CatalogSection.TABLES, rs -> tables.put(rs.getLong(1), new TableRow(rs.getString(2),
                    rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6), rs.getLong(7),
                    rs.getBoolean(8), grants(rs.getString(9)))));
            Map<Long, List<PolicyDefinition>> policies = new HashMap<>();
            reader.section(CatalogSection.POLICIES, rs -> policies.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                    .add(new PolicyDefinition(rs.getString(2), PolicyCommand.fromCode(rs.getString(3)),
                            rs.getBoolean(4), strings(rs.getArray(5)), rs.getString(6), rs.getString(7))));
            Map<Long, List<SecretColumn>> secrets = new HashMap<>();
            reader.section(CatalogSection.SECRET_COLUMNS, rs -> secrets.computeIfAbsent(rs.getLong(1),
                    k -> new ArrayList<>()).add(new SecretColumn(rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                    rs.getBoolean(5))));
            List<ApiRole> apiRoles = new ArrayList<>();
            Set<String> bypassing = new LinkedHashSet<>();
            reader.section(CatalogSection.ROLES, rs -> {
                if (rs.getBoolean(5)) {
                    apiRoles.add(new ApiRole(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)));
                } else {
                    bypassing.add(rs.getString(1));
                }
            });
            apiRoles.stream().filter(ApiRole::bypassRls).forEach(r -> bypassing.add(r.name()));
            List<String> missing = apiRoles.stream().filter(r -> !r.exists()).map(ApiRole::name).toList();
            if (!missing.isEmpty()) {
                warnings.add("roles " + String.join(", ", missing) + " do not exist: this target is not shaped like a"
                        + " Supabase project, so their grants show as absent and they cannot be probed");
            }

            progress.progress(CatalogSection.values().length, CatalogSection.values().length + 1,
                    "Running splinter's lints");
            SupabaseLints.Result lints = withLints ? SupabaseLints.run(connection, exposed, progress)
                    : new SupabaseLints.Result(List.of(), List.of(), List.of());
            warnings.addAll(lints.warnings());

            List<TableSecurity> result = new ArrayList<>(tables.size());
            tables.forEach((oid, t) -> result.add(new TableSecurity(t.schema, t.name, t.owner, t.rls, t.forced,
                    t.rows, t.exposed, t.grants, policies.getOrDefault(oid, List.of()),
                    secrets.getOrDefault(oid, List.of()))));
            progress.progress(CatalogSection.values().length + 1, CatalogSection.values().length + 1,
                    "Read " + result.size() + " tables and " + policies.values().stream().mapToInt(List::size).sum()
                            + " policies");
            long millis = (System.nanoTime() - startedNanos) / 1_000_000;
            log.info("RLS catalog of {} read in {} ms ({} tables)", identity.database(), millis, result.size());
            return new RlsCatalog(identity, Instant.now(), exposed, result, lints.rows(), lints.notRun(), apiRoles,
                    bypassing, warnings, unreadable, millis);
        } finally {
            connection.rollback(); // read-only work; rolling back also drops the local search_path
            connection.setAutoCommit(autoCommit);
        }
    }

    private static List<String> readExposedSchemas(Statement st) throws SQLException {
        Savepoint savepoint = st.getConnection().setSavepoint();
        try (ResultSet rs = st.executeQuery("select current_setting('pgrst.db_schemas', true)")) {
            rs.next();
            String value = rs.getString(1);
            st.getConnection().releaseSavepoint(savepoint);
            if (value == null || value.isBlank()) {
                return List.of("public");
            }
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (SQLException e) {
            st.getConnection().rollback(savepoint);
            return List.of("public");
        }
    }

    /** The catalog queries as plain SQL text (no bind parameters), so psql can run exactly the same ones. */
    public static Map<CatalogSection, String> queries(List<String> exposedSchemas, int serverVersionNum) {
        String system = array(RlsSql.SYSTEM_SCHEMAS);
        String apiRoles = array(RlsSql.API_ROLES);
        String exposed = array(exposedSchemas);
        String userSchema = "n.nspname <> all(" + system + ") and n.nspname not like 'pg\\_temp%'"
                + " and n.nspname not like 'pg\\_toast%'";
        String notExtension = "not exists (select 1 from pg_depend d where d.classid = '%s'::regclass"
                + " and d.objid = %s and d.deptype = 'e')";
        // PostgreSQL 16 split SET ROLE off membership: the SET option is what lets the operator switch
        String switchMode = serverVersionNum >= 160000 ? "SET" : "MEMBER";
        Map<CatalogSection, String> q = new EnumMap<>(CatalogSection.class);
        q.put(CatalogSection.TABLES, """
                select c.oid::bigint, n.nspname, c.relname, pg_get_userbyid(c.relowner), c.relrowsecurity,
                       c.relforcerowsecurity, c.reltuples::bigint, n.nspname = any(%s),
                       (select json_object_agg(r.rolname, array_remove(array[
                            case when has_table_privilege(r.oid, c.oid, 'SELECT') then 'SELECT' end,
                            case when has_table_privilege(r.oid, c.oid, 'INSERT') then 'INSERT' end,
                            case when has_table_privilege(r.oid, c.oid, 'UPDATE') then 'UPDATE' end,
                            case when has_table_privilege(r.oid, c.oid, 'DELETE') then 'DELETE' end], null))
                        from pg_roles r where r.rolname = any(%s))::text
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'p') and not c.relispartition and %s and %s
                order by n.nspname, c.relname""".formatted(exposed, apiRoles, userSchema,
                notExtension.formatted("pg_class", "c.oid")));
        q.put(CatalogSection.POLICIES, """
                select p.polrelid::bigint, p.polname, p.polcmd::text, p.polpermissive,
                       array(select case when r = 0 then 'public' else r::regrole::text end
                             from unnest(p.polroles) r order by 1),
                       pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)
                from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
                where %s
                order by p.polrelid, p.polname""".formatted(userSchema));
        q.put(CatalogSection.SECRET_COLUMNS, """
                select a.attrelid::bigint, a.attname, replace(lower(a.attname), '-', '_') = any(%s),
                       coalesce((select has_column_privilege(r.oid, a.attrelid, a.attnum, 'SELECT')
                                 from pg_roles r where r.rolname = 'anon'), false),
                       coalesce((select has_column_privilege(r.oid, a.attrelid, a.attnum, 'SELECT')
                                 from pg_roles r where r.rolname = 'authenticated'), false)
                from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'p') and not c.relispartition and a.attnum > 0 and not a.attisdropped
                  and %s
                  and (replace(lower(a.attname), '-', '_') = any(%s) or lower(a.attname) ~ %s)
                order by a.attrelid, a.attnum""".formatted(array(SENSITIVE_COLUMN_NAMES), userSchema,
                array(SENSITIVE_COLUMN_NAMES), RlsSql.literal(SECRET_COLUMN_PATTERN)));
        q.put(CatalogSection.ROLES, """
                select r.name, x.oid is not null, coalesce(x.rolbypassrls or x.rolsuper, false),
                       case when x.oid is null then false else pg_has_role(current_user, x.oid, '%s') end, true
                from unnest(%s) r(name) left join pg_roles x on x.rolname = r.name
                union all
                select rolname, true, true, false, false from pg_roles
                where (rolbypassrls or rolsuper) and rolname <> all(%s)""".formatted(switchMode, apiRoles,
                apiRoles));
        return q;
    }

    /** splinter's lints as the console runs them, exposed schemas filled in (psql runs them as they are). */
    public static Map<LintRule, String> lintQueries(List<String> exposedSchemas) {
        Map<LintRule, String> q = new java.util.LinkedHashMap<>();
        LintRule.splinterLints().forEach(rule -> q.put(rule, SupabaseLints.sql(rule, exposedSchemas)));
        return q;
    }

    private static String array(List<String> values) {
        return values.stream().map(RlsSql::literal).collect(Collectors.joining(", ", "array[", "]::text[]"));
    }

    private static Map<String, List<String>> grants(String json) throws SQLException {
        Map<String, List<String>> grants = new LinkedHashMap<>();
        if (json == null) {
            return grants;
        }
        try {
            JsonNode node = Json.mapper().readTree(json);
            node.fields().forEachRemaining(e -> {
                List<String> privileges = new ArrayList<>();
                e.getValue().forEach(v -> privileges.add(v.asText()));
                grants.put(e.getKey(), privileges);
            });
            return grants;
        } catch (java.io.IOException e) {
            throw new SQLException("unreadable grant list from the catalog", e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> list = new ArrayList<>(values.length);
        for (Object value : values) {
            list.add(String.valueOf(value));
        }
        return list;
    }

    private record TableRow(String schema, String name, String owner, boolean rls, boolean forced, long rows,
                            boolean exposed, Map<String, List<String>> grants) {
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Runs each section under a savepoint: a section the role may not read becomes a warning, not a failure. */
    private record Reader(Connection connection, Map<CatalogSection, String> queries, List<String> warnings,
                          Set<CatalogSection> unreadable, ProgressListener progress) {
        void section(CatalogSection section, RowConsumer rows) throws SQLException {
            progress.checkCancelled();
            progress.progress(section.ordinal() + 1, CatalogSection.values().length + 1,
                    "Reading " + section.label());
            Savepoint savepoint = connection.setSavepoint();
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(queries.get(section))) {
                while (rs.next()) {
                    rows.accept(rs);
                }
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                connection.rollback(savepoint);
                if (!"42501".equals(e.getSQLState()) && !"42P01".equals(e.getSQLState())
                        && !"42883".equals(e.getSQLState())) {
                    throw e;
                }
                unreadable.add(section);
                warnings.add("Cannot read " + section.label() + ": " + RlsSql.firstLine(e.getMessage()) + ". Grant the"
                        + " connected role SELECT on the pg_catalog tables (PostgreSQL grants it to PUBLIC by"
                        + " default) or connect as the project's postgres role; the lints that need this part were"
                        + " not run.");
                log.warn("RLS catalog section {} unreadable: {}", section, e.getMessage());
            }
        }
    }
}

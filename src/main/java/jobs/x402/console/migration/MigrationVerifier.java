package jobs.x402.console.migration;

import jobs.x402.console.core.ConsoleVersion;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.target.SchemaVariant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's verification checklist as a walkthrough: catalog steps read through the status engine, then two live
 * INSERTs (a key saved by a real user through RLS, an openrouter_instant resource with every NOT NULL column filled
 * from the catalog), each inside a transaction that is always rolled back.
 */
public final class MigrationVerifier {
    private static final int STEPS = 10;
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");
    /** Clearly not a key: the walkthrough never handles real secrets. */
    static final String PLACEHOLDER_CIPHERTEXT = "00000000000000000000000000000000:766572696679";

    private final DatabaseSession session;

    public MigrationVerifier(DatabaseSession session) {
        this.session = session;
    }

    private SchemaVariant variant() {
        return session.schemaVariant();
    }

    private String keyTableName() {
        return variant().keyTable();
    }

    private String qualifiedKeyTable() {
        return variant().qualifiedKeyTable();
    }

    private String catalogName() {
        return variant().modelCatalog();
    }

    private String qualifiedCatalog() {
        return variant().qualifiedModelCatalog();
    }

    public VerificationReport run(ProgressListener progress) {
        Instant ranAt = Instant.now();
        List<VerificationStep> steps = new ArrayList<>();
        MigrationStatusReport status;
        try (Connection connection = session.connection()) {
            status = MigrationStatus.read(connection, variant());
        } catch (SQLException e) {
            throw OperatorException.failure("Verification could not read the catalog: " + e.getMessage(),
                    "check the connection", e);
        }
        progress.progress(1, STEPS, "Liquibase record");
        steps.add(new VerificationStep(1, "Liquibase records 005 with the changelog's checksum",
                "select id, author, filename, dateexecuted, md5sum from x402_console.databasechangelog\n"
                        + " where id = '" + MigrationChangelog.CHANGESET_ID + "' and author = '"
                        + MigrationChangelog.AUTHOR + "'",
                status.recorded() && status.checksumMatches(),
                !status.recorded() ? "no record" : status.checksumMatches() ? "recorded, checksum matches"
                        : "recorded, but the checksum differs from this console's changelog",
                status.recorded() ? List.of("recorded " + status.record().dateExecuted() + " as "
                        + status.record().filename() + ", checksum " + status.record().checksum(),
                        "changelog checksum " + status.changelogChecksum()) : List.of()));
        progress.progress(2, STEPS, "Table and RLS");
        steps.add(catalogStep(2, "Table " + keyTableName() + " exists and RLS is enabled",
                "select relname, relrowsecurity from pg_class\n where oid = to_regclass('" + qualifiedKeyTable() + "')",
                status, o -> o.kind().equals("table") || o.kind().equals("row level security")));
        progress.progress(3, STEPS, "Policies");
        steps.add(catalogStep(3, "Policy \"" + MigrationSpec.USER_POLICY + "\": ALL, PUBLIC, auth.uid() = user_id",
                policySql(MigrationSpec.USER_POLICY), status,
                o -> o.name().equals("\"" + MigrationSpec.USER_POLICY + "\"")));
        steps.add(catalogStep(4, "Policy \"" + MigrationSpec.SERVICE_POLICY + "\": ALL, service_role, true",
                policySql(MigrationSpec.SERVICE_POLICY), status,
                o -> o.name().equals("\"" + MigrationSpec.SERVICE_POLICY + "\"") || o.kind().equals("policies")));
        progress.progress(5, STEPS, "Columns of x402_resources");
        steps.add(catalogStep(5, "x402_resources has openrouter_model_id (uuid) and openrouter_config (jsonb)",
                "select attname, format_type(atttypid, atttypmod) from pg_attribute\n"
                        + " where attrelid = 'public.x402_resources'::regclass\n"
                        + "   and attname in ('openrouter_model_id', 'openrouter_config')", status,
                o -> o.kind().equals("column") && o.name().startsWith(MigrationSpec.RESOURCES_TABLE + ".")));
        steps.add(catalogStep(6, "The resource_type check includes openrouter_instant",
                "select pg_get_constraintdef(oid) from pg_constraint\n where conname = '" + MigrationSpec.TYPE_CHECK
                        + "'", status, o -> o.kind().equals("check")));
        progress.progress(7, STEPS, "Foreign keys");
        steps.add(catalogStep(7, "Foreign keys: user_id → auth.users ON DELETE CASCADE, openrouter_model_id →"
                        + " " + catalogName() + " ON DELETE SET NULL",
                "select conname, pg_get_constraintdef(oid) from pg_constraint\n where contype = 'f' and conrelid in"
                        + " ('" + qualifiedKeyTable() + "'::regclass, 'public.x402_resources'::regclass)",
                status, o -> o.kind().equals("foreign key")));
        steps.add(catalogStep(8, "Columns, key, indexes, function, trigger and comments as specified",
                "-- pg_attribute, pg_constraint, pg_index, pg_proc, pg_trigger, pg_description"
                        + " (see the migration status)", status,
                o -> List.of("column", "columns", "primary key", "index", "function", "trigger").contains(o.kind())
                        && !o.name().startsWith(MigrationSpec.RESOURCES_TABLE + ".")));
        progress.progress(9, STEPS, "Test INSERT of a key as a real user");
        steps.add(keyInsertStep(9));
        progress.progress(10, STEPS, "Test INSERT of an openrouter_instant resource");
        steps.add(resourceInsertStep(10));
        progress.progress(STEPS, STEPS, "Walkthrough done");
        return new VerificationReport(session.identity(), ranAt, ConsoleVersion.current(), status.state(),
                List.copyOf(steps));
    }

    private static String policySql(String name) {
        return "select polname, polcmd, polroles::regrole[], pg_get_expr(polqual, polrelid),"
                + " pg_get_expr(polwithcheck, polrelid)\n from pg_policy where polname = '" + name + "'";
    }

    private static VerificationStep catalogStep(int number, String title, String sql, MigrationStatusReport status,
                                                Predicate<ObjectCheck> which) {
        List<ObjectCheck> checks = status.objects().stream().filter(which).toList();
        boolean passed = !checks.isEmpty() && checks.stream().allMatch(ObjectCheck::matches);
        List<String> evidence = checks.stream().map(o -> (o.matches() ? "ok " : "MISMATCH ") + o.kind() + " "
                + o.name() + ": " + o.actual() + (o.matches() ? "" : " (expected " + o.expected() + ")")).toList();
        long bad = checks.stream().filter(o -> !o.matches()).count();
        return new VerificationStep(number, title, sql, passed, passed ? "as specified"
                : bad + " of " + checks.size() + " objects differ", evidence);
    }

    private VerificationStep keyInsertStep(int number) {
        String title = "A signed-in user can save their own key, and only their own (role authenticated, auth.uid())";
        List<String> evidence = new ArrayList<>();
        StringBuilder sql = new StringBuilder("begin;\n");
        try (Connection connection = session.dedicatedConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!MigrationStatus.relationExists(connection, qualifiedKeyTable())) {
                    return new VerificationStep(number, title, "-- needs " + qualifiedKeyTable(), false,
                            "the table does not exist", List.of());
                }
                String userId = userWithoutKey(connection, evidence, sql);
                String claims = "{\"sub\":\"" + userId + "\",\"role\":\"authenticated\"}";
                sql.append("set local role authenticated;\n")
                        .append("select set_config('request.jwt.claims', '").append(claims).append("', true);\n");
                try (Statement st = connection.createStatement()) {
                    st.execute("set local role authenticated");
                }
                try (PreparedStatement ps = connection.prepareStatement(
                        "select set_config('request.jwt.claims', ?, true), auth.uid()::text")) {
                    ps.setString(1, claims);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        evidence.add("auth.uid() = " + rs.getString(2));
                    }
                }
                String insert = "insert into " + qualifiedKeyTable() + " (user_id, encrypted_api_key)"
                        + " values ('" + userId + "', '" + PLACEHOLDER_CIPHERTEXT + "')";
                sql.append(insert).append(";\n");
                try (Statement st = connection.createStatement()) {
                    st.executeUpdate(insert);
                }
                evidence.add("own row inserted (placeholder ciphertext, not a key)");
                String readBack = "select count(*) from " + qualifiedKeyTable();
                sql.append(readBack).append(";  -- RLS: the user sees only their own row\n");
                long visible;
                try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(readBack)) {
                    rs.next();
                    visible = rs.getLong(1);
                }
                evidence.add("rows visible to the user: " + visible);
                String stranger = UUID.randomUUID().toString();
                String foreign = "insert into " + qualifiedKeyTable() + " (user_id, encrypted_api_key)"
                        + " values ('" + stranger + "', '" + PLACEHOLDER_CIPHERTEXT + "')";
                sql.append(foreign).append(";  -- must fail: another user's id\n");
                Savepoint savepoint = connection.setSavepoint();
                String foreignOutcome;
                try (Statement st = connection.createStatement()) {
                    st.executeUpdate(foreign);
                    foreignOutcome = "accepted (RLS does NOT protect other users' rows)";
                } catch (SQLException e) {
                    connection.rollback(savepoint);
                    foreignOutcome = "42501".equals(e.getSQLState()) ? "refused with 42501 (row level security)"
                            : "refused with " + e.getSQLState() + ": " + e.getMessage();
                }
                evidence.add("insert for another user: " + foreignOutcome);
                sql.append("rollback;");
                boolean passed = visible == 1 && foreignOutcome.startsWith("refused with 42501");
                return new VerificationStep(number, title, sql.toString(), passed, passed
                        ? "own key saved and visible alone; another user's refused by RLS (rolled back)"
                        : "RLS did not behave as specified", evidence);
            } finally {
                connection.rollback();
            }
        } catch (SQLException | OperatorException e) {
            sql.append("rollback;");
            return new VerificationStep(number, title, sql.toString(), false, "error: " + e.getMessage(), evidence);
        }
    }

    private String userWithoutKey(Connection connection, List<String> evidence, StringBuilder sql)
            throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select u.id::text, u.email from auth.users u where not exists (select 1 from"
                        + " " + qualifiedKeyTable() + " i where i.user_id = u.id)"
                        + " order by u.created_at nulls last, u.id limit 1")) {
            if (rs.next()) {
                evidence.add("acting as user " + rs.getString(1) + " (" + rs.getString(2) + "), who has no key yet");
                return rs.getString(1);
            }
        }
        String id = UUID.randomUUID().toString();
        String insert = "insert into auth.users (id, email) values ('" + id + "', 'verify-" + id.substring(0, 8)
                + "@x402-console.invalid')";
        sql.append(insert).append(";  -- every user already has a key: a temporary user\n");
        try (Statement st = connection.createStatement()) {
            st.executeUpdate(insert);
        }
        evidence.add("acting as a temporary user " + id + " (every real user already has a key)");
        return id;
    }

    private VerificationStep resourceInsertStep(int number) {
        String title = "An openrouter_instant resource can be inserted with every NOT NULL column filled";
        List<String> evidence = new ArrayList<>();
        try (Connection connection = session.dedicatedConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<String, String> values = new LinkedHashMap<>();
                Map<String, String> types = new LinkedHashMap<>();
                String model = null;
                try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                        "select id::text, openrouter_id from " + qualifiedCatalog() + " order by is_active desc nulls last,"
                                + " openrouter_id limit 1")) {
                    if (rs.next()) {
                        model = rs.getString(1);
                        evidence.add("model " + rs.getString(2) + " (" + model + ") from " + catalogName());
                    }
                }
                if (model == null) {
                    return new VerificationStep(number, title, "select id from " + qualifiedCatalog() + " limit 1", false,
                            catalogName() + " is empty: populate the catalog (models sync) before creating resources",
                            evidence);
                }
                fillRequiredColumns(connection, values, types, evidence);
                put(values, types, "resource_type", MigrationSpec.INSTANT_TYPE, "text");
                put(values, types, MigrationSpec.MODEL_COLUMN, model, "uuid");
                put(values, types, MigrationSpec.CONFIG_COLUMN,
                        "{\"systemPrompt\":\"x402 console verification\",\"temperature\":1,\"maxTokens\":4096}",
                        "jsonb");
                String role = switchToServiceRole(connection, evidence);
                List<String> columns = new ArrayList<>(values.keySet());
                String insertSql = "insert into public.x402_resources (" + String.join(", ", columns) + ")\n values ("
                        + String.join(", ", columns.stream().map(c -> "?::" + types.get(c)).toList())
                        + ") returning id::text";
                String shown = "begin;\n" + (role == null ? "" : "set local role " + role + ";\n")
                        + "insert into public.x402_resources (" + String.join(", ", columns) + ")\n values ("
                        + String.join(", ", columns.stream().map(c -> "'" + values.get(c).replace("'", "''")
                        + "'::" + types.get(c)).toList()) + ");\nrollback;";
                try (PreparedStatement ps = connection.prepareStatement(insertSql)) {
                    for (int i = 0; i < columns.size(); i++) {
                        ps.setString(i + 1, values.get(columns.get(i)));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        evidence.add("inserted resource " + rs.getString(1) + " (rolled back)");
                    }
                    return new VerificationStep(number, title, shown, true,
                            "accepted by every constraint (rolled back)", evidence);
                } catch (SQLException e) {
                    return new VerificationStep(number, title, shown, false, "refused with " + e.getSQLState()
                            + ": " + e.getMessage(), evidence);
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException | OperatorException e) {
            return new VerificationStep(number, title, "-- x402_resources", false, "error: " + e.getMessage(),
                    evidence);
        }
    }

    /** Values for every NOT NULL column without a default: a check's first listed value, a referenced row, … */
    private static void fillRequiredColumns(Connection connection, Map<String, String> values,
                                            Map<String, String> types, List<String> evidence) throws SQLException {
        String marker = "x402-console-verify-" + UUID.randomUUID().toString().substring(0, 8);
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("""
                select a.attname, format_type(a.atttypid, a.atttypmod), t.typcategory,
                       (select pg_get_constraintdef(c.oid) from pg_constraint c
                        where c.conrelid = a.attrelid and c.contype = 'c' and c.conkey = array[a.attnum] limit 1),
                       (select format('select %I::text from %s limit 1', fa.attname, c.confrelid::regclass)
                        from pg_constraint c join pg_attribute fa on fa.attrelid = c.confrelid
                             and fa.attnum = c.confkey[1]
                        where c.conrelid = a.attrelid and c.contype = 'f' and c.conkey = array[a.attnum] limit 1)
                from pg_attribute a
                join pg_type t on t.oid = a.atttypid
                left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                where a.attrelid = 'public.x402_resources'::regclass and a.attnum > 0 and not a.attisdropped
                  and a.attnotnull and d.adbin is null and a.attidentity = '' and a.attgenerated = ''
                order by a.attnum""")) {
            List<String[]> required = new ArrayList<>();
            while (rs.next()) {
                required.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)});
            }
            for (String[] column : required) {
                String name = column[0];
                String value;
                if (column[4] != null) {
                    try (Statement ref = connection.createStatement(); ResultSet row = ref.executeQuery(column[4])) {
                        value = row.next() ? row.getString(1) : null;
                    }
                } else if (column[3] != null && QUOTED.matcher(column[3]).find()) {
                    Matcher m = QUOTED.matcher(column[3]);
                    m.find();
                    value = m.group(1).replace("''", "'");
                } else {
                    value = switch (column[2]) {
                        case "N" -> "1";
                        case "B" -> "false";
                        case "D" -> "now";
                        case "U" -> column[1].equals("jsonb") || column[1].equals("json") ? "{}"
                                : UUID.randomUUID().toString();
                        default -> column[1].equals("uuid") ? UUID.randomUUID().toString()
                                : name.contains("url") ? "https://verify.x402-console.invalid/" + marker : marker;
                    };
                }
                put(values, types, name, value, column[1]);
                evidence.add("NOT NULL " + name + " " + column[1] + " = " + value);
            }
        }
    }

    private static void put(Map<String, String> values, Map<String, String> types, String column, String value,
                            String type) {
        values.put(column, value);
        types.put(column, type);
    }

    /** Inserts as the backend does (service_role) when the operator's role may switch to it. */
    private static String switchToServiceRole(Connection connection, List<String> evidence) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select pg_has_role(current_user, 'service_role', 'member')")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                evidence.add("inserting as " + "the connected role (not a member of service_role)");
                return null;
            }
        } catch (SQLException e) {
            evidence.add("inserting as the connected role (no service_role here)");
            connection.rollback();
            return null;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("set local role service_role");
        }
        evidence.add("inserting as service_role, like the backend");
        return "service_role";
    }
}

package jobs.x402.console.migration;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.db.LiquibaseCommands;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.migration.MigrationSpec.ColumnSpec;
import jobs.x402.console.migration.MigrationSpec.PolicySpec;
import jobs.x402.console.migration.ObjectCheck.Finding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one status engine for migration 005: the Migration page, the CLI, the overview, and every operation's
 * before/after check read the target through it. Plain catalog SQL on one connection (inside the caller's
 * transaction when there is one, so a dry run can look at its own uncommitted result).
 */
public final class MigrationStatus {
    static final String CHANGELOG_TABLE = LiquibaseCommands.TRACKING_SCHEMA + ".databasechangelog";
    static final String LOCK_TABLE = LiquibaseCommands.TRACKING_SCHEMA + ".databasechangeloglock";
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");

    private MigrationStatus() {
    }

    /** Reads record, prerequisites, lock and every object's evidence, for the target's schema variant. */
    public static MigrationStatusReport read(Connection connection, SchemaVariant variant) {
        return read(connection, variant, null);
    }

    /** The same, with the reason the variant was taken (as the session detected it) kept in the report. */
    public static MigrationStatusReport read(Connection connection, jobs.x402.console.target.VariantDetection detection) {
        return read(connection, detection.require(), detection.evidence());
    }

    private static MigrationStatusReport read(Connection connection, SchemaVariant variant, String variantEvidence) {
        long started = System.nanoTime();
        try {
            MigrationChangelog changelog = MigrationChangelog.of(variant);
            List<MigrationPrerequisite> prerequisites = prerequisites(connection, variant);
            ChangelogRow record = history(connection).stream().filter(changelog::records)
                    .reduce((first, second) -> second).orElse(null);
            List<ObjectCheck> objects = objects(connection, variant);
            LiquibaseLockRow lock = lock(connection);
            SupabaseCliHistory supabaseCli = SupabaseCliHistory.read(connection);
            boolean allMatch = objects.stream().allMatch(ObjectCheck::matches);
            boolean allAbsent = objects.stream().allMatch(o -> o.finding() == Finding.ABSENT);
            MigrationState state;
            if (allMatch) {
                // the Supabase CLI's record counts as a record; it never makes a target "drifted" on its own,
                // because a rollback leaves it behind until the operator repairs the CLI's history
                state = record != null || supabaseCli.records005() ? MigrationState.APPLIED
                        : MigrationState.APPLIED_WITHOUT_RECORD;
            } else if (record != null) {
                state = MigrationState.DRIFTED;
            } else {
                state = allAbsent ? MigrationState.PENDING : MigrationState.PARTLY_APPLIED;
            }
            String checksum = changelog.checksum();
            boolean checksumMatches = record == null || record.checksum() == null
                    || record.checksum().equals(checksum);
            return new MigrationStatusReport(Instant.now(), state, record, checksumMatches, checksum,
                    List.copyOf(objects), prerequisites, lock, (System.nanoTime() - started) / 1_000_000, variant,
                    variantEvidence, supabaseCli);
        } catch (SQLException e) {
            throw OperatorException.failure("Reading migration 005's state from the catalog failed: "
                    + e.getMessage(), "check that the role may read pg_catalog and the x402_console schema", e);
        }
    }

    /** The objects 005 needs before it can run; the overview shows the same list. */
    public static List<MigrationPrerequisite> prerequisites(Connection connection, SchemaVariant variant)
            throws SQLException {
        String sql = "select to_regclass('auth.users') is not null,"
                + " to_regprocedure('auth.uid()') is not null,"
                + " to_regclass('" + variant.qualifiedModelCatalog() + "') is not null,"
                + " to_regclass('public.x402_resources') is not null,"
                + " to_regclass('public.x402_servers') is not null,"
                + " exists (select 1 from pg_roles where rolname = 'anon'),"
                + " exists (select 1 from pg_roles where rolname = 'authenticated'),"
                + " exists (select 1 from pg_roles where rolname = 'service_role')";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            List<MigrationPrerequisite> list = new ArrayList<>();
            list.add(new MigrationPrerequisite("auth.users", "table", rs.getBoolean(1),
                    variant.keyTable() + ".user_id references it"));
            list.add(new MigrationPrerequisite("auth.uid()", "function", rs.getBoolean(2),
                    "the RLS policies compare user_id with the signed-in user"));
            list.add(new MigrationPrerequisite(variant.qualifiedModelCatalog(), "table", rs.getBoolean(3),
                    "x402_resources.openrouter_model_id references it"));
            list.add(new MigrationPrerequisite("public.x402_resources", "table", rs.getBoolean(4),
                    "005 adds its model reference, config and the new resource type"));
            list.add(new MigrationPrerequisite("public.x402_servers", "table", rs.getBoolean(5),
                    "its registered_by is the creator whose key runs a resource"));
            list.add(new MigrationPrerequisite("anon", "role", rs.getBoolean(6), "the API role for visitors"));
            list.add(new MigrationPrerequisite("authenticated", "role", rs.getBoolean(7),
                    "the API role signed-in users act as"));
            list.add(new MigrationPrerequisite("service_role", "role", rs.getBoolean(8),
                    "the backend's role; the second policy is granted to it"));
            return List.copyOf(list);
        }
    }

    /** Every row of x402_console.databasechangelog in execution order; empty when Liquibase never ran here. */
    public static List<ChangelogRow> history(Connection connection) throws SQLException {
        if (!relationExists(connection, CHANGELOG_TABLE)) {
            return List.of();
        }
        List<ChangelogRow> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select id, author, filename, dateexecuted, orderexecuted, exectype, md5sum, description, comments,"
                        + " tag, liquibase, contexts, labels, deployment_id from " + CHANGELOG_TABLE
                        + " order by orderexecuted, dateexecuted")) {
            while (rs.next()) {
                rows.add(new ChangelogRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        localTime(rs.getTimestamp(4)), rs.getInt(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                        rs.getString(13), rs.getString(14)));
            }
        }
        return rows;
    }

    public static LiquibaseLockRow lock(Connection connection) throws SQLException {
        if (!relationExists(connection, LOCK_TABLE)) {
            return LiquibaseLockRow.none();
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select locked, lockgranted, lockedby from " + LOCK_TABLE + " where id = 1")) {
            if (!rs.next()) {
                return new LiquibaseLockRow(true, false, null, null);
            }
            return new LiquibaseLockRow(true, rs.getBoolean(1), localTime(rs.getTimestamp(2)), rs.getString(3));
        }
    }

    static boolean relationExists(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select to_regclass(?) is not null")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static LocalDateTime localTime(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }

    private record ColumnFact(String type, boolean notNull, String defaultExpression, String comment) {
        String describe() {
            return MigrationSpec.describeColumn(type, notNull, defaultExpression);
        }
    }

    private record ConstraintFact(String table, String name, String type, String definition) {
    }

    private static List<ObjectCheck> objects(Connection connection, SchemaVariant variant) throws SQLException {
        String keyTableName = variant.keyTable();
        Map<String, Map<String, ColumnFact>> columns = columns(connection, variant);
        Map<String, ColumnFact> keyColumns = columns.get(keyTableName);
        Map<String, ColumnFact> resourceColumns = columns.get(MigrationSpec.RESOURCES_TABLE);
        boolean keyTable = keyColumns != null;
        List<ObjectCheck> checks = new ArrayList<>();

        String tableComment = null;
        boolean rls = false;
        boolean forced = false;
        if (keyTable) {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                    "select relrowsecurity, relforcerowsecurity, obj_description(oid, 'pg_class') from pg_class"
                            + " where oid = to_regclass('" + variant.qualifiedKeyTable() + "')")) {
                rs.next();
                rls = rs.getBoolean(1);
                forced = rs.getBoolean(2);
                tableComment = rs.getString(3);
            }
        }
        String table = variant.qualifiedKeyTable();
        checks.add(!keyTable ? absent("table", table, "table with a comment")
                : check("table", table, "table with a comment", "table" + (blank(tableComment) ? " without a comment"
                : " with a comment"), !blank(tableComment)));
        checks.add(!keyTable ? absent("row level security", table, "enabled")
                : check("row level security", table, "enabled", (rls ? "enabled" : "DISABLED")
                + (forced ? " (forced)" : ""), rls));
        for (ColumnSpec spec : MigrationSpec.KEY_COLUMNS) {
            checks.add(column(keyTableName, spec, keyColumns, true));
        }
        if (keyTable) {
            Set<String> extra = new LinkedHashSet<>(keyColumns.keySet());
            MigrationSpec.KEY_COLUMNS.forEach(c -> extra.remove(c.name()));
            checks.add(check("columns", table + " (no others)", "exactly the 7 specified columns",
                    extra.isEmpty() ? "exactly the 7 specified columns" : "also: " + String.join(", ", extra),
                    extra.isEmpty()));
        } else {
            checks.add(absent("columns", table + " (no others)", "exactly the 7 specified columns"));
        }

        List<ConstraintFact> constraints = constraints(connection, variant);
        checks.add(constraint(constraints, keyTableName, "p", null, "primary key",
                table + " primary key", MigrationSpec.PRIMARY_KEY, keyTable));
        checks.add(constraint(constraints, keyTableName, "f", "(user_id)", "foreign key",
                keyTableName + ".user_id → auth.users", MigrationSpec.USER_FOREIGN_KEY, keyTable));

        checks.addAll(policies(connection, keyTable, variant));

        Map<String, String[]> indexes = indexes(connection);
        checks.add(index(indexes, MigrationSpec.KEY_INDEX, keyTableName, MigrationSpec.keyIndexDef(variant)));
        checks.add(function(connection, variant));
        checks.add(trigger(connection, variant));

        for (ColumnSpec spec : MigrationSpec.RESOURCE_COLUMNS) {
            checks.add(column(MigrationSpec.RESOURCES_TABLE, spec, resourceColumns, false));
        }
        boolean modelColumn = resourceColumns != null && resourceColumns.containsKey(MigrationSpec.MODEL_COLUMN);
        checks.add(constraint(constraints, MigrationSpec.RESOURCES_TABLE, "f", "(openrouter_model_id)",
                "foreign key", MigrationSpec.RESOURCES_TABLE + ".openrouter_model_id → " + variant.modelCatalog(),
                MigrationSpec.modelForeignKey(variant), modelColumn));
        checks.add(typeCheck(constraints));
        checks.add(index(indexes, MigrationSpec.MODEL_INDEX, MigrationSpec.RESOURCES_TABLE,
                MigrationSpec.MODEL_INDEX_DEF));
        return checks;
    }

    private static Map<String, Map<String, ColumnFact>> columns(Connection connection, SchemaVariant variant)
            throws SQLException {
        Map<String, Map<String, ColumnFact>> byTable = new HashMap<>();
        try (PreparedStatement st = connection.prepareStatement("""
                select c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid), col_description(c.oid, a.attnum)
                from pg_class c
                join pg_namespace n on n.oid = c.relnamespace
                join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
                where n.nspname = 'public' and c.relkind in ('r', 'p')
                  and c.relname in (?, 'x402_resources')
                order by c.relname, a.attnum""")) {
            st.setString(1, variant.keyTable());
            ResultSet rs = st.executeQuery();
            while (rs.next()) {
                byTable.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
                        new ColumnFact(rs.getString(3), rs.getBoolean(4), rs.getString(5), rs.getString(6)));
            }
        }
        return byTable;
    }

    private static ObjectCheck column(String table, ColumnSpec spec, Map<String, ColumnFact> facts,
                                      boolean missingMeansAbsent) {
        String name = table + "." + spec.name();
        String expected = spec.describe() + ", commented";
        if (facts == null) {
            return absent("column", name, expected);
        }
        ColumnFact fact = facts.get(spec.name());
        if (fact == null) {
            return missingMeansAbsent ? different("column", name, expected, "absent") : absent("column", name,
                    expected);
        }
        boolean sameShape = MigrationSpec.normalize(fact.describe()).equals(MigrationSpec.normalize(spec.describe()));
        String actual = fact.describe() + (blank(fact.comment()) ? ", no comment" : ", commented");
        return check("column", name, expected, actual, sameShape && !blank(fact.comment()));
    }

    private static List<ConstraintFact> constraints(Connection connection, SchemaVariant variant)
            throws SQLException {
        List<ConstraintFact> list = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("""
                select c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
                from pg_constraint con
                join pg_class c on c.oid = con.conrelid
                join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and con.contype in ('p', 'f', 'c')
                  and c.relname in (?, 'x402_resources')
                order by con.conname""")) {
            st.setString(1, variant.keyTable());
            ResultSet rs = st.executeQuery();
            while (rs.next()) {
                list.add(new ConstraintFact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return list;
    }

    /** Finds the table's constraint of the type (for foreign keys: on the column list) and compares its text. */
    private static ObjectCheck constraint(List<ConstraintFact> constraints, String table, String type,
                                          String columnList, String kind, String name, String expected,
                                          boolean ownerPresent) {
        if (!ownerPresent) {
            return absent(kind, name, expected);
        }
        List<ConstraintFact> candidates = constraints.stream()
                .filter(c -> c.table().equals(table) && c.type().equals(type))
                .filter(c -> columnList == null || MigrationSpec.normalize(c.definition())
                        .startsWith("foreign key " + columnList))
                .toList();
        if (candidates.isEmpty()) {
            return different(kind, name, expected, "absent");
        }
        for (ConstraintFact c : candidates) {
            if (MigrationSpec.normalize(c.definition()).equals(MigrationSpec.normalize(expected))) {
                return new ObjectCheck(kind, name, Finding.MATCHES, expected, c.name() + ": " + c.definition());
            }
        }
        return different(kind, name, expected, String.join("; ",
                candidates.stream().map(c -> c.name() + ": " + c.definition()).toList()));
    }

    private static ObjectCheck typeCheck(List<ConstraintFact> constraints) {
        String name = MigrationSpec.TYPE_CHECK;
        String expected = "resource_type in " + sorted(MigrationSpec.TYPES_AFTER);
        ConstraintFact fact = constraints.stream().filter(c -> c.name().equals(name) && c.type().equals("c"))
                .findFirst().orElse(null);
        if (fact == null) {
            return different("check", name, expected, "absent: resource_type is not checked at all");
        }
        Set<String> values = new LinkedHashSet<>();
        Matcher m = QUOTED.matcher(fact.definition());
        while (m.find()) {
            values.add(m.group(1).replace("''", "'"));
        }
        String actual = "resource_type in " + sorted(values);
        if (values.equals(MigrationSpec.TYPES_AFTER)) {
            return new ObjectCheck("check", name, Finding.MATCHES, expected, actual);
        }
        if (values.equals(MigrationSpec.TYPES_BEFORE)) {
            return new ObjectCheck("check", name, Finding.ABSENT, expected, actual + " (as before 005)");
        }
        return different("check", name, expected, actual + " — " + fact.definition());
    }

    private static List<ObjectCheck> policies(Connection connection, boolean keyTable, SchemaVariant variant)
            throws SQLException {
        Map<String, String> actual = new LinkedHashMap<>();
        if (keyTable) {
            try (PreparedStatement st = connection.prepareStatement("""
                    select p.polname,
                           case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE'
                                         when 'd' then 'DELETE' else 'ALL' end,
                           p.polpermissive,
                           coalesce((select string_agg(x.name, ',' order by x.name)
                                     from (select case when r = 0 then 'public' else pg_get_userbyid(r)::text end
                                           as name from unnest(p.polroles) r) x), ''),
                           pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)
                    from pg_policy p
                    where p.polrelid = to_regclass(?)
                    order by p.polname""")) {
                st.setString(1, variant.qualifiedKeyTable());
                ResultSet rs = st.executeQuery();
                while (rs.next()) {
                    actual.put(rs.getString(1), MigrationSpec.describePolicy(rs.getString(2), rs.getBoolean(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
        List<ObjectCheck> checks = new ArrayList<>();
        for (PolicySpec spec : MigrationSpec.POLICIES) {
            String name = "\"" + spec.name() + "\"";
            String found = actual.remove(spec.name());
            if (!keyTable) {
                checks.add(absent("policy", name, spec.describe()));
            } else if (found == null) {
                checks.add(different("policy", name, spec.describe(), "absent"));
            } else {
                // rls harden's form of the user policy means the same, once per query instead of per row
                boolean hardened = spec.name().equals(MigrationSpec.USER_POLICY) && MigrationSpec.normalize(found)
                        .equals(MigrationSpec.normalize(MigrationSpec.HARDENED_USER_POLICY.describe()));
                checks.add(check("policy", name, spec.describe(), hardened ? found + " (hardened: auth.uid() once per query)"
                        : found, hardened || MigrationSpec.normalize(found).equals(MigrationSpec.normalize(
                        spec.describe()))));
            }
        }
        if (!keyTable) {
            checks.add(absent("policies", "no other policies", "only the two specified policies"));
        } else {
            checks.add(check("policies", "no other policies", "only the two specified policies",
                    actual.isEmpty() ? "only the two specified policies" : "also: " + String.join("; ",
                            actual.entrySet().stream().map(e -> "\"" + e.getKey() + "\" " + e.getValue()).toList()),
                    actual.isEmpty()));
        }
        return checks;
    }

    private static Map<String, String[]> indexes(Connection connection) throws SQLException {
        Map<String, String[]> map = new HashMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("""
                select i.relname, t.relname, pg_get_indexdef(x.indexrelid)
                from pg_index x
                join pg_class i on i.oid = x.indexrelid
                join pg_class t on t.oid = x.indrelid
                join pg_namespace n on n.oid = i.relnamespace
                where n.nspname = 'public'
                  and i.relname in ('idx_openrouter_integrations_user_enabled', 'idx_x402_resources_openrouter_model')""")) {
            while (rs.next()) {
                map.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        return map;
    }

    private static ObjectCheck index(Map<String, String[]> indexes, String name, String table, String expected) {
        String[] fact = indexes.get(name);
        if (fact == null) {
            return absent("index", name, expected);
        }
        return check("index", name, expected, fact[1], MigrationSpec.normalize(fact[1])
                .equals(MigrationSpec.normalize(expected)) && fact[0].equals(table));
    }

    private static ObjectCheck function(Connection connection, SchemaVariant variant) throws SQLException {
        String name = "public." + MigrationSpec.FUNCTION + "()";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("""
                select l.lanname, format_type(p.prorettype, null), p.prosrc, obj_description(p.oid, 'pg_proc')
                from pg_proc p
                join pg_namespace n on n.oid = p.pronamespace
                join pg_language l on l.oid = p.prolang
                where n.nspname = 'public' and p.proname = 'update_openrouter_integration_updated_at'
                  and p.pronargs = 0""")) {
            if (!rs.next()) {
                return absent("function", name, MigrationSpec.FUNCTION_DEF);
            }
            String actual = rs.getString(1) + " function returning " + rs.getString(2) + ": "
                    + MigrationSpec.normalize(rs.getString(3));
            return check("function", name, MigrationSpec.FUNCTION_DEF, actual, MigrationSpec.normalize(actual)
                    .equals(MigrationSpec.normalize(MigrationSpec.FUNCTION_DEF)));
        }
    }

    private static ObjectCheck trigger(Connection connection, SchemaVariant variant) throws SQLException {
        String name = MigrationSpec.TRIGGER;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("""
                select t.tgtype, t.tgenabled, p.proname, c.relname
                from pg_trigger t
                join pg_class c on c.oid = t.tgrelid
                join pg_namespace n on n.oid = c.relnamespace
                join pg_proc p on p.oid = t.tgfoid
                where n.nspname = 'public' and not t.tgisinternal
                  and t.tgname = 'openrouter_integration_updated_at'""")) {
            if (!rs.next()) {
                return absent("trigger", name, MigrationSpec.triggerDef(variant));
            }
            int type = rs.getInt(1);
            String timing = (type & 2) != 0 ? "BEFORE" : (type & 64) != 0 ? "INSTEAD OF" : "AFTER";
            List<String> events = new ArrayList<>();
            if ((type & 4) != 0) {
                events.add("INSERT");
            }
            if ((type & 8) != 0) {
                events.add("DELETE");
            }
            if ((type & 16) != 0) {
                events.add("UPDATE");
            }
            if ((type & 32) != 0) {
                events.add("TRUNCATE");
            }
            String actual = timing + " " + String.join(" OR ", events) + " FOR EACH "
                    + ((type & 1) != 0 ? "ROW" : "STATEMENT") + " ON " + rs.getString(4) + " EXECUTE "
                    + rs.getString(3) + "() (" + ("D".equals(rs.getString(2)) ? "disabled" : "enabled") + ")";
            String expected = MigrationSpec.triggerDef(variant);
            return check("trigger", name, expected, actual, actual.equals(expected));
        }
    }

    private static String sorted(Set<String> values) {
        return "(" + String.join(", ", values.stream().sorted().toList()) + ")";
    }

    private static ObjectCheck check(String kind, String name, String expected, String actual, boolean matches) {
        return new ObjectCheck(kind, name, matches ? Finding.MATCHES : Finding.DIFFERENT, expected, actual);
    }

    private static ObjectCheck absent(String kind, String name, String expected) {
        return new ObjectCheck(kind, name, Finding.ABSENT, expected, "absent");
    }

    private static ObjectCheck different(String kind, String name, String expected, String actual) {
        return new ObjectCheck(kind, name, Finding.DIFFERENT, expected, actual);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

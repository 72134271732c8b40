package jobs.x402.console.rls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * "View as": runs SELECT, INSERT, UPDATE and DELETE on one table as a persona ({@code SET LOCAL ROLE} plus
 * {@code request.jwt.claims}), the way PostgREST would, inside a transaction that is always rolled back. Each
 * statement runs under its own savepoint, so one refusal never hides the next answer.
 */
public final class PolicyProbe {
    private static final Logger log = LoggerFactory.getLogger(PolicyProbe.class);
    private static final String STATEMENT_TIMEOUT = "10s";

    private final DatabaseSession session;

    public PolicyProbe(DatabaseSession session) {
        this.session = session;
    }

    public DatabaseSession session() {
        return session;
    }

    /** The default personas: anon, the first user of auth.users (when there is one) and service_role. */
    public List<Persona> defaultPersonas() {
        List<Persona> personas = new ArrayList<>();
        personas.add(Persona.anon());
        firstUser().ifPresent(id -> personas.add(Persona.user(id)));
        personas.add(Persona.serviceRole());
        return personas;
    }

    /** The oldest auth.users row, the one a probe acts as when the operator names none. */
    public java.util.Optional<UUID> firstUser() {
        try (Connection c = session.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select to_regclass('auth.users') is not null")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return java.util.Optional.empty();
            }
            try (ResultSet users = st.executeQuery(
                    "select id from auth.users order by created_at nulls last, id limit 1")) {
                return users.next() ? java.util.Optional.of((UUID) users.getObject(1)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            return java.util.Optional.empty();
        }
    }

    /** Whether a table exists, by "schema.table" (a bare name means public). */
    public boolean tableExists(String name) {
        try (Connection c = session.connection()) {
            return resolve(c, name) != null;
        } catch (SQLException e) {
            return false;
        }
    }

    public ProbeMatrix probe(String tableName, List<Persona> personas, ProgressListener progress) {
        long started = System.nanoTime();
        try (Connection connection = session.connection()) {
            TableShape table = resolve(connection, tableName);
            if (table == null) {
                throw OperatorException.usage("Table " + tableName + " does not exist on "
                                + session.identity().bannerLine() + " (dropped since the list was read?)",
                        "refresh the report (rls report) and pick a table that exists");
            }
            UUID firstUser = firstUser().orElse(null);
            List<PersonaProbe> results = new ArrayList<>();
            UUID otherUser = null;
            int index = 0;
            for (Persona persona : personas) {
                progress.checkCancelled();
                progress.progress(index++, personas.size(), "Probing " + table.display() + " as " + persona.label());
                PersonaProbe result = preflight(connection, persona, table);
                if (result == null) {
                    UUID other = table.ownerColumn == null ? null : otherUser(connection, table, persona, firstUser);
                    if (persona.kind() == Persona.Kind.USER && other != null) {
                        otherUser = other;
                    }
                    result = run(connection, table, persona, other);
                }
                results.add(result);
            }
            progress.progress(personas.size(), personas.size(), "Probed " + table.display() + " as "
                    + personas.size() + " persona" + (personas.size() == 1 ? "" : "s") + "; everything rolled back");
            return new ProbeMatrix(table.display(), table.ownerColumn == null ? null : table.ownerColumn.name,
                    otherUser, results, session.identity().bannerLine(), Instant.now(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            throw OperatorException.failure("The probe on " + tableName + " failed on "
                    + session.identity().bannerLine() + ": " + e.getMessage(), "see the log file for details", e);
        }
    }

    // ---- preparation ------------------------------------------------------------------------------------------

    /** Says why the persona cannot be assumed, or null when it can. */
    private PersonaProbe preflight(Connection c, Persona persona, TableShape table) throws SQLException {
        String operator = session.identity().role();
        try (PreparedStatement ps = c.prepareStatement(
                "select r.oid, pg_has_role(current_user, r.oid, ?) from pg_roles r where r.rolname = ?")) {
            boolean setOption = session.identity().serverVersionNum() >= 160000;
            ps.setString(1, setOption ? "SET" : "MEMBER");
            ps.setString(2, persona.role());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    if (persona.isApiRole()) {
                        return PersonaProbe.unavailable(persona, "Role " + persona.role() + " does not exist on "
                                        + session.identity().database() + ": this database is not shaped like a Supabase"
                                        + " project.",
                                "create the API roles as Supabase has them: create role anon nologin noinherit;"
                                        + " create role authenticated nologin noinherit; create role service_role"
                                        + " nologin noinherit bypassrls; grant anon, authenticated, service_role to "
                                        + RlsSql.ident(operator) + "; or probe as an existing role instead");
                    }
                    return PersonaProbe.unavailable(persona, "Role " + persona.role() + " does not exist on "
                            + session.identity().database() + ".", "pick an existing role (select rolname from"
                            + " pg_roles)");
                }
                if (!rs.getBoolean(2)) {
                    return PersonaProbe.unavailable(persona, "The connected role " + operator + " cannot switch to "
                                    + persona.role() + ": SET ROLE needs membership" + (setOption
                                    ? " with the SET option" : "") + ".",
                            "as a superuser or a role holding ADMIN OPTION on " + persona.role() + ", run: GRANT "
                                    + RlsSql.ident(persona.role()) + " TO " + RlsSql.ident(operator)
                                    + (setOption ? " WITH SET TRUE" : "") + ";");
                }
            }
        }
        if (persona.kind() == Persona.Kind.USER) {
            if (!authUsersExists(c)) {
                return PersonaProbe.unavailable(persona, "auth.users does not exist on "
                                + session.identity().database() + ", so there is no user " + persona.userId() + ".",
                        "probe as anon, service_role or role:NAME instead");
            }
            try (PreparedStatement ps = c.prepareStatement("select exists (select 1 from auth.users where id = ?)")) {
                ps.setObject(1, persona.userId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return PersonaProbe.unavailable(persona, "No auth.users row has id " + persona.userId() + ".",
                                "pick an existing user" + someUsers(c));
                    }
                }
            }
        }
        return null;
    }

    private static boolean authUsersExists(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select to_regclass('auth.users') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static String someUsers(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select id from auth.users order by created_at nulls last, id limit 3")) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add("user:" + rs.getString(1));
            }
            return ids.isEmpty() ? " (auth.users is empty: create one first)" : ", e.g. " + String.join(", ", ids);
        }
    }

    /** Another user for "insert/move to another user": one that already owns a row when there is one. */
    private static UUID otherUser(Connection c, TableShape table, Persona persona, UUID firstUser)
            throws SQLException {
        if (!authUsersExists(c)) {
            return null;
        }
        if (persona.kind() != Persona.Kind.USER) {
            return firstUser;
        }
        String sql = "select u.id from auth.users u where u.id <> ? order by exists (select 1 from " + table.qualified
                + " t where t." + RlsSql.ident(table.ownerColumn.name) + "::text = u.id::text) desc,"
                + " u.created_at nulls last, u.id limit 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, persona.userId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? (UUID) rs.getObject(1) : null;
            }
        }
    }

    // ---- the probe transaction ----------------------------------------------------------------------------------

    private PersonaProbe run(Connection c, TableShape table, Persona persona, UUID otherUser) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        List<String> notes = new ArrayList<>();
        List<ProbeAttempt> attempts = new ArrayList<>();
        Long rowsAsOperator = null;
        try {
            try (Statement st = c.createStatement()) {
                st.execute("set local statement_timeout = '" + STATEMENT_TIMEOUT + "'");
            }
            UUID self = persona.userId();
            // fixture rows so "sees only its own row" is not true merely because the table is empty
            if (table.ownerColumn != null) {
                if (self != null) {
                    seed(c, table, self, notes);
                }
                if (otherUser != null) {
                    seed(c, table, otherUser, notes);
                }
            } else if (count(c, table) == 0) {
                seed(c, table, null, notes);
            }
            rowsAsOperator = count(c, table);
            UUID ownerForInsert = self != null ? self : otherUser;
            for (ProbeOperation op : ProbeOperation.values()) {
                boolean needsOther = op == ProbeOperation.INSERT_FOR_OTHER_USER
                        || op == ProbeOperation.UPDATE_MOVE_TO_OTHER_USER;
                if (needsOther && (self == null || table.ownerColumn == null)) {
                    continue; // only meaningful for a signed-in user on a table with an owner column
                }
                if (needsOther && otherUser == null) {
                    attempts.add(new ProbeAttempt(op, ProbeVerdict.SKIPPED, null, null, null, null,
                            "auth.users holds no other user", null));
                    continue;
                }
                attempts.add(attempt(c, table, persona, op, op == ProbeOperation.INSERT_FOR_OTHER_USER ? otherUser
                        : ownerForInsert, otherUser));
            }
        } finally {
            c.rollback(); // the whole point: nothing a probe did survives, seeds included
            c.setAutoCommit(autoCommit);
        }
        return new PersonaProbe(persona, null, null, rowsAsOperator, attempts, notes);
    }

    private ProbeAttempt attempt(Connection c, TableShape table, Persona persona, ProbeOperation op,
                                 UUID insertOwner, UUID otherUser) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        String sql = null;
        try {
            String owner = table.ownerColumn == null ? null : RlsSql.ident(table.ownerColumn.name);
            String self = persona.userId() == null ? null : persona.userId().toString();
            // preparation as the operator: free the owner's slot when the owner column is unique (user_id as key)
            UUID slotToFree = switch (op) {
                case INSERT, INSERT_FOR_OTHER_USER -> insertOwner;
                case UPDATE_MOVE_TO_OTHER_USER -> otherUser;
                default -> null;
            };
            String row = null;
            if (op == ProbeOperation.INSERT || op == ProbeOperation.INSERT_FOR_OTHER_USER) {
                row = rowJson(c, table, insertOwner);
            }
            if (slotToFree != null && table.ownerColumn != null && table.ownerColumn.uniqueAlone) {
                try (PreparedStatement ps = c.prepareStatement("delete from " + table.qualified + " where " + owner
                        + "::text = ?")) {
                    ps.setString(1, slotToFree.toString());
                    ps.executeUpdate();
                }
            }
            switchTo(c, persona);
            switch (op) {
                case SELECT -> {
                    sql = owner == null ? "select count(*) from " + table.qualified
                            : "select count(*), count(*) filter (where " + owner + "::text = ?) from " + table.qualified;
                    return counted(c, op, sql, owner == null ? List.of() : java.util.Arrays.asList(self), self != null);
                }
                case INSERT, INSERT_FOR_OTHER_USER -> {
                    sql = insertSql(table, row);
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        bindRow(ps, sql, row);
                        int n = ps.executeUpdate();
                        return new ProbeAttempt(op, ProbeVerdict.ALLOWED, (long) n, null, null, null, null, sql);
                    }
                }
                case UPDATE -> {
                    if (owner == null) {
                        String column = RlsSql.ident(table.firstWritableColumn());
                        sql = "update " + table.qualified + " set " + column + " = " + column;
                        return affected(c, op, sql);
                    }
                    sql = "with changed as (update " + table.qualified + " set " + owner + " = " + owner
                            + " returning " + owner + ") select count(*), count(*) filter (where " + owner
                            + "::text = ?) from changed";
                    return counted(c, op, sql, java.util.Arrays.asList(self), self != null);
                }
                case UPDATE_MOVE_TO_OTHER_USER -> {
                    sql = "update " + table.qualified + " set " + owner + " = ? where " + owner + "::text = ?";
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setObject(1, table.ownerColumn.isUuid() ? otherUser : otherUser.toString());
                        ps.setString(2, self);
                        int n = ps.executeUpdate();
                        return new ProbeAttempt(op, ProbeVerdict.ALLOWED, (long) n, (long) n, 0L, null, null, sql);
                    }
                }
                case DELETE -> {
                    if (owner == null) {
                        sql = "delete from " + table.qualified;
                        return affected(c, op, sql);
                    }
                    sql = "with gone as (delete from " + table.qualified + " returning " + owner
                            + ") select count(*), count(*) filter (where " + owner + "::text = ?) from gone";
                    return counted(c, op, sql, java.util.Arrays.asList(self), self != null);
                }
                default -> throw new IllegalStateException(op.name());
            }
        } catch (SQLException e) {
            return refused(op, e, sql);
        } finally {
            c.rollback(savepoint); // also undoes SET LOCAL ROLE and the claims set after the savepoint
        }
    }

    private static void switchTo(Connection c, Persona persona) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("set local role " + RlsSql.ident(persona.role()));
        }
        // the legacy per-claim settings are emptied too, so a value left on the operator's session cannot leak in
        try (PreparedStatement ps = c.prepareStatement("select set_config('request.jwt.claims', ?, true),"
                + " set_config('request.jwt.claim.sub', '', true), set_config('request.jwt.claim.role', '', true)")) {
            ps.setString(1, persona.claimsJson());
            ps.executeQuery().close();
        }
    }

    private static ProbeAttempt counted(Connection c, ProbeOperation op, String sql, List<String> params,
                                        boolean split) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long rows = rs.getLong(1);
                Long own = split ? rs.getLong(2) : null;
                Long other = split ? rows - own : null;
                return new ProbeAttempt(op, ProbeVerdict.ALLOWED, rows, own, other, null, null, sql);
            }
        }
    }

    private static ProbeAttempt affected(Connection c, ProbeOperation op, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            long rows = st.executeUpdate(sql);
            return new ProbeAttempt(op, ProbeVerdict.ALLOWED, rows, null, null, null, null, sql);
        }
    }

    static ProbeAttempt refused(ProbeOperation op, SQLException e, String sql) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = primaryMessage(e);
        ProbeVerdict verdict;
        if (state.equals("42501")) {
            verdict = message.contains("row-level security") ? ProbeVerdict.DENIED_BY_POLICY
                    : ProbeVerdict.DENIED_BY_GRANT;
        } else if (state.startsWith("23")) {
            verdict = ProbeVerdict.REJECTED_BY_CONSTRAINT;
            message = "row level security let it through; " + message;
        } else if (state.equals("57014")) {
            verdict = ProbeVerdict.FAILED;
            message = "timed out after " + STATEMENT_TIMEOUT + " (a slow policy expression?): " + message;
        } else if (state.equals("42P01")) {
            verdict = ProbeVerdict.FAILED;
            message = "the table no longer exists (dropped meanwhile?): " + message;
        } else if (sql == null) {
            verdict = ProbeVerdict.SKIPPED;
            message = "could not prepare the attempt as the operator: " + message;
        } else {
            verdict = ProbeVerdict.FAILED;
            message = "a policy expression, trigger or default failed: " + message;
        }
        log.debug("probe {} refused: {} {}", op, state, message);
        return new ProbeAttempt(op, verdict, null, null, null, state, message, sql);
    }

    /** The server's one-line message, without the DETAIL that may quote row values. */
    private static String primaryMessage(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null
                && psql.getServerErrorMessage().getMessage() != null) {
            return psql.getServerErrorMessage().getMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    // ---- rows for INSERT and seeding ----------------------------------------------------------------------------

    private static long count(Connection c, TableShape table) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from " + table.qualified)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Makes sure the owner has a row, inserting a fixture as the operator (inside the probe transaction). */
    private static void seed(Connection c, TableShape table, UUID owner, List<String> notes) {
        Savepoint savepoint = null;
        try {
            savepoint = c.setSavepoint();
            if (owner != null) {
                try (PreparedStatement ps = c.prepareStatement("select exists (select 1 from " + table.qualified
                        + " where " + RlsSql.ident(table.ownerColumn.name) + "::text = ?)")) {
                    ps.setString(1, owner.toString());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            c.releaseSavepoint(savepoint);
                            return;
                        }
                    }
                }
            }
            String row = rowJson(c, table, owner);
            String sql = insertSql(table, row);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bindRow(ps, sql, row);
                ps.executeUpdate();
            }
            c.releaseSavepoint(savepoint);
            notes.add("seeded a fixture row" + (owner == null ? "" : " for user " + owner)
                    + " inside the probe transaction (rolled back with it)");
        } catch (SQLException e) {
            try {
                if (savepoint != null) {
                    c.rollback(savepoint);
                }
            } catch (SQLException ignored) {
                // the outer rollback undoes everything anyway
            }
            notes.add("could not seed a fixture row" + (owner == null ? "" : " for user " + owner) + ": "
                    + primaryMessage(e) + " (results may be vacuous)");
        }
    }

    /** A table whose columns all have defaults gets "default values", which takes no parameter. */
    private static void bindRow(PreparedStatement ps, String sql, String row) throws SQLException {
        if (sql.indexOf('?') >= 0) {
            ps.setString(1, row);
        }
    }

    private static String insertSql(TableShape table, String rowJson) {
        try {
            JsonNode row = Json.mapper().readTree(rowJson);
            List<String> columns = new ArrayList<>();
            row.fieldNames().forEachRemaining(name -> columns.add(RlsSql.ident(name)));
            if (columns.isEmpty()) {
                return "insert into " + table.qualified + " default values";
            }
            String list = String.join(", ", columns);
            return "insert into " + table.qualified + " (" + list + ") select " + list
                    + " from jsonb_populate_record(null::" + table.qualified + ", ?::jsonb)";
        } catch (java.io.IOException e) {
            throw new IllegalStateException("probe row is not JSON", e);
        }
    }

    /**
     * A row to insert: the columns that need a value (NOT NULL without default) copied from an existing row or
     * made up from their type, fresh values where a unique key would collide, and the owner set.
     */
    private static String rowJson(Connection c, TableShape table, UUID owner) throws SQLException {
        JsonNode template = null;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select to_jsonb(t)::text from " + table.qualified + " t limit 1")) {
            if (rs.next()) {
                template = Json.mapper().readTree(rs.getString(1));
            }
        } catch (java.io.IOException e) {
            template = null;
        }
        ObjectNode row = Json.mapper().createObjectNode();
        for (ColumnShape column : table.columns) {
            boolean isOwner = table.ownerColumn != null && column == table.ownerColumn;
            if (isOwner) {
                if (owner != null) {
                    row.put(column.name, owner.toString());
                } else if (template != null && template.hasNonNull(column.name)) {
                    row.set(column.name, template.get(column.name));
                }
                continue;
            }
            if (!column.needsValue()) {
                continue;
            }
            if (column.unique || template == null || !template.hasNonNull(column.name)) {
                putMadeUp(row, column);
            } else {
                row.set(column.name, template.get(column.name));
            }
        }
        return row.toString();
    }

    private static void putMadeUp(ObjectNode row, ColumnShape column) {
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        switch (column.typeName) {
            case "uuid" -> row.put(column.name, UUID.randomUUID().toString());
            case "bool" -> row.put(column.name, false);
            case "int2" -> row.put(column.name, ThreadLocalRandom.current().nextInt(1, Short.MAX_VALUE));
            case "int4", "int8", "numeric", "float4", "float8" ->
                    row.put(column.name, ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
            case "json", "jsonb" -> row.set(column.name, Json.mapper().createObjectNode());
            case "timestamptz", "timestamp" -> row.put(column.name, OffsetDateTime.now().toString());
            case "date" -> row.put(column.name, java.time.LocalDate.now().toString());
            default -> row.put(column.name, "rls-probe-" + suffix);
        }
    }

    // ---- the table's shape --------------------------------------------------------------------------------------

    private static TableShape resolve(Connection c, String name) throws SQLException {
        String schema = "public";
        String relation = name.trim();
        int dot = relation.indexOf('.');
        if (dot > 0) {
            schema = relation.substring(0, dot);
            relation = relation.substring(dot + 1);
        }
        long oid;
        String foundSchema;
        String foundName;
        // exact names first (what the report lists), then PostgreSQL's own reading of a typed name
        try (PreparedStatement ps = c.prepareStatement("""
                select c.oid::bigint, n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'p') and ((n.nspname = ? and c.relname = ?)
                   or c.oid = (select to_regclass(?)))
                order by (n.nspname = ? and c.relname = ?) desc limit 1""")) {
            ps.setString(1, schema);
            ps.setString(2, relation);
            ps.setString(3, name.trim());
            ps.setString(4, schema);
            ps.setString(5, relation);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                oid = rs.getLong(1);
                foundSchema = rs.getString(2);
                foundName = rs.getString(3);
            }
        } catch (SQLException e) {
            if ("42602".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())
                    || "42601".equals(e.getSQLState())) {
                return null; // not a valid name at all
            }
            throw e;
        }
        List<ColumnShape> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select a.attname, t.typname, a.attnotnull, a.atthasdef, a.attidentity <> '' or a.attgenerated <> '',
                       a.attidentity = 'a' or a.attgenerated <> '',
                       exists (select 1 from pg_index i where i.indrelid = a.attrelid and i.indisunique
                               and a.attnum = any(i.indkey::int2[])),
                       exists (select 1 from pg_index i where i.indrelid = a.attrelid and i.indisunique
                               and i.indnkeyatts = 1 and i.indkey[0] = a.attnum and i.indpred is null),
                       exists (select 1 from pg_constraint k where k.conrelid = a.attrelid and k.contype = 'f'
                               and k.conkey = array[a.attnum] and k.confrelid = to_regclass('auth.users'))
                from pg_attribute a join pg_type t on t.oid = a.atttypid
                where a.attrelid = ? and a.attnum > 0 and not a.attisdropped
                order by a.attnum""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new ColumnShape(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                            rs.getBoolean(4) || rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7),
                            rs.getBoolean(8), rs.getBoolean(9)));
                }
            }
        }
        return new TableShape(foundSchema, foundName, columns, ownerColumn(columns));
    }

    /** The column that says whose row it is: a foreign key to auth.users, else a column named user_id. */
    private static ColumnShape ownerColumn(List<ColumnShape> columns) {
        List<ColumnShape> references = columns.stream().filter(col -> col.referencesUsers).toList();
        if (references.size() == 1) {
            return references.get(0);
        }
        return columns.stream().filter(col -> col.name.equals("user_id")).findFirst()
                .orElse(references.isEmpty() ? null : references.get(0));
    }

    /**
     * @param hasDefault  a default, identity or generation gives it a value when the INSERT names it not
     * @param neverInsert GENERATED ALWAYS: an INSERT must not name it
     */
    private record ColumnShape(String name, String typeName, boolean notNull, boolean hasDefault,
                               boolean neverInsert, boolean unique, boolean uniqueAlone, boolean referencesUsers) {
        boolean needsValue() {
            return notNull && !hasDefault && !neverInsert;
        }

        boolean isUuid() {
            return typeName.equals("uuid");
        }
    }

    private static final class TableShape {
        final String schema;
        final String name;
        final String qualified;
        final List<ColumnShape> columns;
        final ColumnShape ownerColumn;

        TableShape(String schema, String name, List<ColumnShape> columns, ColumnShape ownerColumn) {
            this.schema = schema;
            this.name = name;
            this.qualified = RlsSql.qualified(schema, name);
            this.columns = List.copyOf(columns);
            this.ownerColumn = ownerColumn;
        }

        String display() {
            return schema + "." + name;
        }

        String firstWritableColumn() {
            return columns.stream().filter(c -> !c.neverInsert).map(c -> c.name).findFirst()
                    .orElse(columns.get(0).name);
        }

        @Override
        public String toString() {
            return display() + columns.stream().map(c -> c.name).collect(Collectors.joining(", ", "(", ")"))
                    .toLowerCase(Locale.ROOT);
        }
    }
}

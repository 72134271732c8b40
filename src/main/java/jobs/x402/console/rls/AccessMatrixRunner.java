package jobs.x402.console.rls;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.RemedyAction;
import jobs.x402.console.db.DatabaseSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds the access matrix from the live policies: for each table, one transaction (always rolled back) that creates
 * two users in auth.users, one row owned by each (with the parent rows their foreign keys need and every NOT NULL
 * column filled from the catalog), then asks each persona to select, insert, update and delete them.
 */
public final class AccessMatrixRunner {
    private static final Logger log = LoggerFactory.getLogger(AccessMatrixRunner.class);
    private static final Set<String> BUILT_IN_PERSONAS = Set.of("public", "anon", "authenticated", "service_role");

    private final DatabaseSession session;

    public AccessMatrixRunner(DatabaseSession session) {
        this.session = session;
    }

    /**
     * @param tables        "schema.table" names (a bare name means public); empty: every table of the exposed schemas
     * @param extraRoles    roles to add as personas besides those the policies name
     * @param exposedSchemas the schemas the API serves; empty: the target's pgrst.db_schemas, else public
     */
    public AccessMatrix run(List<String> tables, List<String> extraRoles, List<String> exposedSchemas,
                            ProgressListener progress) {
        long started = System.nanoTime();
        progress.progress(0, 1, "Reading the tables and their policies");
        RlsCatalog catalog = new RlsCatalogReader(session, exposedSchemas).withoutLints()
                .read(ProgressListener.NONE);
        List<TableSecurity> chosen = choose(catalog, tables);
        try (Connection c = session.connection()) {
            List<MatrixPersona> personas = personas(c, chosen, extraRoles);
            Map<String, String> unavailable = unavailablePersonas(c, personas);
            TableShapes shapes = TableShapes.read(c);
            boolean authUsers = shapes.has("auth.users");
            UUID owner = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            List<String> users = FixtureBuilder.userStatements(shapes, owner, other);
            List<AccessMatrix.TableAccess> rows = new ArrayList<>();
            int index = 0;
            for (TableSecurity table : chosen) {
                progress.checkCancelled();
                progress.progress(index++, chosen.size(), "Checking " + table.displayName() + " as "
                        + personas.size() + " personas");
                rows.add(checkTable(c, shapes, table, personas, unavailable, users, owner, other));
            }
            progress.progress(chosen.size(), chosen.size(), "Checked " + chosen.size() + " table"
                    + (chosen.size() == 1 ? "" : "s") + "; everything rolled back");
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.info("access matrix of {} tables x {} personas in {} ms", chosen.size(), personas.size(), millis);
            return new AccessMatrix(session.identity().bannerLine(), Instant.now(), millis, personas, owner, other,
                    users, rows);
        } catch (SQLException e) {
            throw OperatorException.failure("The access matrix failed on " + session.identity().bannerLine() + ": "
                    + e.getMessage(), "see the log file for details", e);
        }
    }

    private static List<TableSecurity> choose(RlsCatalog catalog, List<String> names) {
        if (names == null || names.isEmpty()) {
            return catalog.tables().stream().filter(TableSecurity::apiExposed).toList();
        }
        List<TableSecurity> chosen = new ArrayList<>();
        for (String name : names) {
            TableSecurity table = catalog.table(name.trim()).orElseThrow(() -> OperatorException.usage("No table "
                    + name + " outside the system schemas on " + catalog.identity().bannerLine(),
                    "pick one of the tables the RLS report lists").withAction(RemedyAction.LIST_RLS_TABLES));
            if (!chosen.contains(table)) {
                chosen.add(table);
            }
        }
        return chosen;
    }

    /** anon, two signed-in users, service_role, then every other role a policy on these tables names. */
    private static List<MatrixPersona> personas(Connection c, List<TableSecurity> tables, List<String> extraRoles)
            throws SQLException {
        List<MatrixPersona> personas = new ArrayList<>(List.of(MatrixPersona.anon(), MatrixPersona.owner(),
                MatrixPersona.otherUser(), MatrixPersona.serviceRole()));
        Set<String> custom = new LinkedHashSet<>();
        for (String role : extraRoles == null ? List.<String>of() : extraRoles) {
            if (!roleExists(c, role)) {
                throw OperatorException.usage("Role " + role + " does not exist on this database",
                        "name an existing role (select rolname from pg_roles), or leave it out");
            }
            custom.add(role);
        }
        for (TableSecurity table : tables) {
            for (PolicyDefinition policy : table.policies()) {
                policy.roles().stream().filter(r -> !BUILT_IN_PERSONAS.contains(r)).forEach(custom::add);
            }
        }
        custom.removeAll(BUILT_IN_PERSONAS);
        Set<String> asked = new LinkedHashSet<>(extraRoles == null ? List.of() : extraRoles);
        custom.forEach(r -> personas.add(MatrixPersona.custom(r, !asked.contains(r))));
        return personas;
    }

    private static boolean roleExists(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Why a persona's role cannot be assumed here (missing, or the operator may not SET ROLE to it). */
    private Map<String, String> unavailablePersonas(Connection c, List<MatrixPersona> personas) throws SQLException {
        Map<String, String> reasons = new LinkedHashMap<>();
        boolean setOption = session.identity().serverVersionNum() >= 160000;
        for (MatrixPersona persona : personas) {
            try (PreparedStatement ps = c.prepareStatement(
                    "select pg_has_role(current_user, r.oid, ?) from pg_roles r where r.rolname = ?")) {
                ps.setString(1, setOption ? "SET" : "MEMBER");
                ps.setString(2, persona.role());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        reasons.put(persona.label(), "role " + persona.role() + " does not exist on this database");
                    } else if (!rs.getBoolean(1)) {
                        reasons.put(persona.label(), session.identity().role() + " cannot SET ROLE " + persona.role()
                                + " (grant " + RlsSql.ident(persona.role()) + " to " + RlsSql.ident(
                                session.identity().role()) + (setOption ? " with set true" : "") + ")");
                    }
                }
            }
        }
        return reasons;
    }

    // ---- one table ----------------------------------------------------------------------------------------------

    private AccessMatrix.TableAccess checkTable(Connection c, TableShapes shapes, TableSecurity table,
                                                List<MatrixPersona> personas, Map<String, String> unavailable,
                                                List<String> users, UUID owner, UUID other) throws SQLException {
        boolean authUsers = !users.isEmpty();
        TableShapes.Shape shape = shapes.shape(table.displayName());
        String ownerColumn = shape == null ? null : shape.ownerColumn();
        List<String> notes = new ArrayList<>();
        List<AccessCell> cells = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        FixtureBuilder fixture = new FixtureBuilder(shapes, owner, other);
        try {
            try (Statement st = c.createStatement()) {
                st.execute("set local statement_timeout = '10s'");
                st.execute(MatrixStep.HELPER);
            }
            String problem = null;
            if (shape == null) {
                problem = "its columns could not be read";
            } else {
                try {
                    fixture.seed(c, shape, users);
                } catch (FixtureBuilder.FixtureException e) {
                    problem = e.getMessage();
                }
            }
            for (MatrixPersona persona : personas) {
                for (MatrixOperation op : MatrixOperation.values()) {
                    String reason = unavailable.get(persona.label());
                    if (reason == null && persona.signedIn() && !authUsers) {
                        reason = "auth.users does not exist, so there is no signed-in user to act as";
                    }
                    if (reason == null && problem != null) {
                        reason = "no fixture row: " + problem;
                    }
                    cells.add(reason != null
                            ? new AccessCell(persona.label(), op, AccessVerdict.NOT_RUN, null, null, reason, List.of())
                            : cell(c, fixture, shape, persona, op, owner, other));
                }
            }
            if (problem != null) {
                notes.add("No fixture row could be made: " + problem);
            }
        } finally {
            c.rollback(); // the fixture users, rows and the helper all go
            c.setAutoCommit(autoCommit);
        }
        return new AccessMatrix.TableAccess(table.displayName(), ownerColumn, fixture.statements(), cells, notes);
    }

    private static AccessCell cell(Connection c, FixtureBuilder fixture, TableShapes.Shape shape,
                                   MatrixPersona persona, MatrixOperation op, UUID owner, UUID other)
            throws SQLException {
        boolean perUser = persona.signedIn() && shape.ownerColumn() != null;
        UUID self = persona.kind() == MatrixPersona.Kind.OTHER_USER ? other : owner;
        UUID notSelf = self.equals(owner) ? other : owner;
        String claims = persona.claims(owner, other);
        String table = shape.qualified();
        String ownRow = fixture.rowPredicate(self);
        String otherRow = fixture.rowPredicate(notSelf);
        List<MatrixStep> steps = new ArrayList<>();
        switch (op) {
            case SELECT -> steps.add(step(c, persona, claims, null, "select concat_ws('/', count(*) filter (where "
                    + ownRow + "), count(*) filter (where " + otherRow + ")) from " + table));
            case INSERT -> {
                UUID first = persona.signedIn() ? self : owner;
                steps.add(step(c, persona, claims, fixture.freeSlot(first), fixture.insertSql(first)));
                if (perUser) {
                    steps.add(step(c, persona, claims, fixture.freeSlot(notSelf), fixture.insertSql(notSelf)));
                }
            }
            case UPDATE -> {
                String column = RlsSql.ident(shape.ownerColumn() != null ? shape.ownerColumn()
                        : shape.firstWritableColumn());
                steps.add(step(c, persona, claims, null, "update " + table + " set " + column + " = " + column
                        + " where " + ownRow));
                steps.add(step(c, persona, claims, null, "update " + table + " set " + column + " = " + column
                        + " where " + otherRow));
            }
            case DELETE -> {
                steps.add(step(c, persona, claims, null, "delete from " + table + " where " + ownRow));
                steps.add(step(c, persona, claims, null, "delete from " + table + " where " + otherRow));
            }
        }
        return verdict(persona, op, perUser, shape.ownerColumn() != null ? 2 : 1, steps);
    }

    private static MatrixStep step(Connection c, MatrixPersona persona, String claims, String setup,
                                   String statement) throws SQLException {
        MatrixStep pending = new MatrixStep(persona.role(), claims, setup, statement, "");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select " + pending.call())) {
            rs.next();
            String answer = rs.getString(1);
            return new MatrixStep(persona.role(), claims, setup, statement, answer == null ? "null" : answer);
        }
    }

    /** Reads the answers: counts of own and other rows reached, or the refusal. */
    static AccessCell verdict(MatrixPersona persona, MatrixOperation op, boolean perUser, int seededRows,
                              List<MatrixStep> steps) {
        MatrixStep first = steps.get(0);
        String reason = null;
        long own;
        long others;
        if (op == MatrixOperation.SELECT) {
            if (first.failed()) {
                return refused(persona, op, first, steps);
            }
            String[] counts = first.answer().split("/");
            own = Long.parseLong(counts[0]);
            others = Long.parseLong(counts[1]);
        } else {
            MatrixStep second = steps.size() > 1 ? steps.get(1) : null;
            if (first.failed() && (second == null || second.failed())) {
                return refused(persona, op, first, steps);
            }
            Long a = first.failed() ? 0L : Long.parseLong(first.answer());
            Long b = second == null || second.failed() ? 0L : Long.parseLong(second.answer());
            own = a;
            others = b;
            if (first.failed()) {
                reason = "its own row: " + words(first);
            } else if (second != null && second.failed()) {
                reason = "the other user's row: " + words(second);
            }
            if (op == MatrixOperation.INSERT && second == null) {
                others = a;
                own = 0;
            }
        }
        if (!perUser) {
            long reached = op == MatrixOperation.INSERT ? others : own + others;
            long seeded = op == MatrixOperation.INSERT ? 1 : seededRows;
            AccessVerdict v = reached == 0 ? AccessVerdict.DENIED : reached >= seeded ? AccessVerdict.ALLOWED
                    : AccessVerdict.PARTIAL;
            return new AccessCell(persona.label(), op, v, null, reached, reason != null ? reason
                    : v == AccessVerdict.DENIED ? noRowReason(op) : null, steps);
        }
        AccessVerdict v = own > 0 && others > 0 ? AccessVerdict.ALLOWED
                : own > 0 ? AccessVerdict.OWN_ROWS_ONLY
                : others > 0 ? AccessVerdict.PARTIAL : AccessVerdict.DENIED;
        if (reason == null && v == AccessVerdict.DENIED) {
            reason = noRowReason(op);
        } else if (reason == null && v == AccessVerdict.OWN_ROWS_ONLY) {
            reason = op == MatrixOperation.INSERT ? "the other user's row: refused"
                    : "the other user's row is hidden by the policies";
        }
        return new AccessCell(persona.label(), op, v, own, others, reason, steps);
    }

    private static String noRowReason(MatrixOperation op) {
        return op == MatrixOperation.INSERT ? "nothing inserted" : "the policies hide every seeded row";
    }

    private static AccessCell refused(MatrixPersona persona, MatrixOperation op, MatrixStep step,
                                      List<MatrixStep> steps) {
        String state = step.sqlState();
        AccessVerdict v = "42501".equals(state) ? AccessVerdict.DENIED : AccessVerdict.FAILED;
        return new AccessCell(persona.label(), op, v, null, null, words(step), steps);
    }

    private static String words(MatrixStep step) {
        String state = step.sqlState();
        String message = step.answer().length() > 13 ? step.answer().substring(13) : step.answer();
        if ("42501".equals(state)) {
            return message.contains("row-level security") ? "refused by a policy (" + message + ")"
                    : "no grant (" + message + ")";
        }
        if (state != null && state.startsWith("23")) {
            return "row level security let it through, a constraint refused it (" + message + ")";
        }
        return message;
    }
}

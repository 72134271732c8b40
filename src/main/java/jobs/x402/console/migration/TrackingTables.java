package jobs.x402.console.migration;

import jobs.x402.console.db.LiquibaseCommands;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's footprint on a target: schema x402_console with Liquibase's two bookkeeping tables. The console
 * creates whatever of it is missing itself, inside the operation's own transaction, before Liquibase looks: when
 * Liquibase probes a missing lock table inside a transaction, the failed probe makes it issue a full ROLLBACK that
 * undoes everything before it. Created in the same transaction, the footprint commits with an apply or adopt and
 * vanishes with a dry run.
 * <p>
 * The footprint passes Supabase's linter: both tables have a primary key, the schema is not one PostgREST serves,
 * and the API roles get no privilege on it (grants that a project's default privileges may add are revoked).
 */
final class TrackingTables {
    static final String SCHEMA = LiquibaseCommands.TRACKING_SCHEMA;

    /** Liquibase 4.33's own definition for PostgreSQL, plus the primary key it leaves out. */
    private static final String CREATE_CHANGELOG = "create table " + SCHEMA + ".databasechangelog (\n"
            + "    id varchar(255) not null,\n"
            + "    author varchar(255) not null,\n"
            + "    filename varchar(255) not null,\n"
            + "    dateexecuted timestamp without time zone not null,\n"
            + "    orderexecuted integer not null,\n"
            + "    exectype varchar(10) not null,\n"
            + "    md5sum varchar(35),\n"
            + "    description varchar(255),\n"
            + "    comments varchar(255),\n"
            + "    tag varchar(255),\n"
            + "    liquibase varchar(20),\n"
            + "    contexts varchar(255),\n"
            + "    labels varchar(255),\n"
            + "    deployment_id varchar(10),\n"
            + "    constraint databasechangelog_pkey primary key (id, author, filename)\n"
            + ")";
    private static final String CREATE_LOCK = "create table " + SCHEMA + ".databasechangeloglock (\n"
            + "    id integer not null,\n"
            + "    locked boolean not null,\n"
            + "    lockgranted timestamp without time zone,\n"
            + "    lockedby varchar(255),\n"
            + "    constraint databasechangeloglock_pkey primary key (id)\n"
            + ")";

    private TrackingTables() {
    }

    /** What is there of the footprint, read from the catalog without touching the tables. */
    record Footprint(boolean schema, boolean changelog, boolean changelogHasPrimaryKey, boolean lock,
                     boolean lockRow, List<String> apiRolesPresent, List<String> apiRolesWithGrants) {
        boolean complete() {
            return schema && changelog && changelogHasPrimaryKey && lock && lockRow && apiRolesWithGrants.isEmpty();
        }

        /** The console has never run here: nothing of its own exists yet. */
        boolean absent() {
            return !schema && !changelog && !lock;
        }
    }

    static Footprint read(Connection connection) throws SQLException {
        boolean schema;
        boolean changelog;
        boolean changelogPk;
        boolean lock;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select exists (select 1 from pg_namespace where nspname = '" + SCHEMA + "'),"
                        + " to_regclass('" + SCHEMA + ".databasechangelog') is not null,"
                        + " exists (select 1 from pg_constraint where contype = 'p'"
                        + "   and conrelid = to_regclass('" + SCHEMA + ".databasechangelog')),"
                        + " to_regclass('" + SCHEMA + ".databasechangeloglock') is not null")) {
            rs.next();
            schema = rs.getBoolean(1);
            changelog = rs.getBoolean(2);
            changelogPk = rs.getBoolean(3);
            lock = rs.getBoolean(4);
        }
        boolean lockRow = false;
        if (lock) {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                    "select exists (select 1 from " + SCHEMA + ".databasechangeloglock where id = 1)")) {
                rs.next();
                lockRow = rs.getBoolean(1);
            }
        }
        List<String> present = new ArrayList<>();
        List<String> withGrants = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select r.rolname,"
                        + " (n.oid is not null and has_schema_privilege(r.oid, n.oid, 'usage'))"
                        + " or exists (select 1 from pg_class c where c.relnamespace = n.oid and c.relkind = 'r'"
                        + "   and (has_table_privilege(r.oid, c.oid, 'select') or has_table_privilege(r.oid, c.oid, 'insert')"
                        + "     or has_table_privilege(r.oid, c.oid, 'update') or has_table_privilege(r.oid, c.oid, 'delete')))"
                        + " from pg_roles r left join pg_namespace n on n.nspname = '" + SCHEMA + "'"
                        + " where r.rolname in ('anon', 'authenticated', 'service_role') order by r.rolname")) {
            while (rs.next()) {
                present.add(rs.getString(1));
                if (rs.getBoolean(2)) {
                    withGrants.add(rs.getString(1));
                }
            }
        }
        return new Footprint(schema, changelog, changelogPk, lock, lockRow, List.copyOf(present),
                List.copyOf(withGrants));
    }

    /** The statements that would complete the footprint on this target, in order; empty when it is complete. */
    static List<String> missingStatements(Connection connection) throws SQLException {
        return statementsFor(read(connection));
    }

    static List<String> statementsFor(Footprint footprint) {
        List<String> statements = new ArrayList<>();
        if (!footprint.schema()) {
            statements.add("create schema " + SCHEMA);
            statements.add("comment on schema " + SCHEMA + " is 'x402 Operator Console: Liquibase change history and"
                    + " lock. Not exposed to the API; no API role has any privilege on it.'");
        }
        if (!footprint.changelog()) {
            statements.add(CREATE_CHANGELOG);
        } else if (!footprint.changelogHasPrimaryKey()) {
            // made by an earlier console through Liquibase, which creates it without a key
            statements.add("alter table " + SCHEMA + ".databasechangelog add constraint databasechangelog_pkey"
                    + " primary key (id, author, filename)");
        }
        if (!footprint.lock()) {
            statements.add(CREATE_LOCK);
        }
        if (!footprint.lockRow()) {
            statements.add("insert into " + SCHEMA + ".databasechangeloglock (id, locked) values (1, false)");
        }
        boolean created = !footprint.schema() || !footprint.changelog() || !footprint.lock();
        List<String> revokeFrom = created ? footprint.apiRolesPresent() : footprint.apiRolesWithGrants();
        if (!revokeFrom.isEmpty()) {
            // a project's default privileges can reach new tables outside public too; the footprint stays private
            String roles = String.join(", ", revokeFrom);
            statements.add("revoke all on schema " + SCHEMA + " from " + roles);
            statements.add("revoke all on all tables in schema " + SCHEMA + " from " + roles);
        }
        return List.copyOf(statements);
    }

    /**
     * Completes the footprint inside the caller's transaction (nothing is committed here), telling the tracker
     * each statement as Liquibase's bookkeeping is told.
     */
    static void ensure(Connection transaction, StatementTracker tracker) throws SQLException {
        for (String sql : missingStatements(transaction)) {
            tracker.writeSqlWillRun(sql);
            try (Statement st = transaction.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                tracker.finishCurrent("failed");
                throw e;
            }
        }
        tracker.finishCurrent(null);
    }
}

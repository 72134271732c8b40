package jobs.x402.console.db;

import jobs.x402.console.core.OperatorException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The Supabase-compatible baseline (changelog/sandbox): what a Supabase project looks like just before migration 005.
 * It belongs to the sandbox and the tests; on any other target it runs only on request and only on an empty database.
 */
public final class SandboxBaseline {
    public static final String CHANGELOG = "changelog/sandbox/sandbox.xml";
    /** Liquibase runs context-free changesets always; the demo data carries the "demo" context. */
    private static final String WITH_DEMO = "baseline,demo";
    private static final String WITHOUT_DEMO = "baseline";

    private SandboxBaseline() {
    }

    /** Installs (or completes) the baseline; already applied changesets are skipped. */
    public static void install(Connection connection, boolean withDemoData) {
        LiquibaseCommands.update(connection, CHANGELOG, withDemoData ? WITH_DEMO : WITHOUT_DEMO);
    }

    /** Opens its own connection to the target and installs the baseline there on the operator's explicit request. */
    public static void installOnOperatorRequest(ConnectionTarget target, String confirmedDatabaseName,
                                                boolean withDemoData) {
        try (Connection connection = java.sql.DriverManager.getConnection(target.profile().jdbcUrl(),
                DatabaseSession.connectionProperties(target))) {
            installOnOperatorRequest(connection, confirmedDatabaseName, withDemoData);
        } catch (SQLException e) {
            throw ConnectionFailures.explain(e, target.profile());
        }
    }

    /**
     * Installs the baseline on a target that is not the sandbox: only when the operator confirmed it by naming the
     * database, and only when that database holds no tables of its own yet.
     */
    public static void installOnOperatorRequest(Connection connection, String confirmedDatabaseName,
                                                boolean withDemoData) throws SQLException {
        String database;
        long userTables;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("""
                     select current_database(),
                            (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                             where c.relkind in ('r', 'p', 'v', 'm')
                               and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
                               and n.nspname not like 'pg_temp%' and n.nspname <> '"""
                     + LiquibaseCommands.TRACKING_SCHEMA + "')")) {
            rs.next();
            database = rs.getString(1);
            userTables = rs.getLong(2);
        }
        if (!database.equals(confirmedDatabaseName)) {
            throw OperatorException.refused("The baseline was not installed on " + database
                    + ": the confirmation named '" + confirmedDatabaseName + "'",
                    "pass --confirm " + database + " if you really mean this database");
        }
        if (userTables > 0) {
            throw OperatorException.refused("The baseline was not installed: " + database + " already holds "
                    + userTables + " tables or views", "the baseline only goes onto an empty database");
        }
        install(connection, withDemoData);
    }

    /** Whether the baseline's tables are present (the sandbox's first start installs them). */
    public static boolean isInstalled(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select to_regclass('auth.users') is not null"
                     + " and to_regclass('public.x402_resources') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}

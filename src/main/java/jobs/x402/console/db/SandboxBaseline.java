package jobs.x402.console.db;

import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.core.OperatorException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The Supabase-faithful baseline (changelog/sandbox): the roles, owners and grants of a hosted Supabase project, and
 * x402.jobs' tables just before migration 005. Plain SQL run by a superuser other than {@code postgres}, so the
 * console then connects as a non-superuser {@code postgres} exactly as on a hosted project. It creates nothing of the
 * console's own (no tracking schema), so every sandbox and test database starts where a real project starts.
 */
public final class SandboxBaseline {
    /** The cluster's superuser on Supabase (and on the sandbox): used for setup only, never by the console's work. */
    public static final String ADMIN_ROLE = "supabase_admin";
    /** The role operators connect as: NOSUPERUSER, BYPASSRLS, a member of the API roles. */
    public static final String OPERATOR_ROLE = "postgres";
    static final String ROLES_SCRIPT = "changelog/sandbox/supabase-roles.sql";
    static final String DATABASE_SCRIPT = "changelog/sandbox/supabase-baseline.sql";
    static final String DEMO_SCRIPT = "changelog/sandbox/demo-data.sql";
    /** Only for renaming a fresh cluster's bootstrap superuser: a role cannot rename the session's own role. */
    private static final String RENAME_HELPER_ROLE = "x402_bootstrap_rename";

    private SandboxBaseline() {
    }

    /** The three scripts, in the order they run; the self-check makes sure the installation carries them. */
    public static List<String> scripts() {
        return List.of(ROLES_SCRIPT, DATABASE_SCRIPT, DEMO_SCRIPT);
    }

    /**
     * A fresh cluster whose bootstrap superuser is called {@code postgres} (what zonky's initdb makes) becomes
     * Supabase-shaped: the bootstrap superuser is renamed {@code supabase_admin} and a non-superuser {@code postgres}
     * is created. PostgreSQL 16+ cannot take SUPERUSER away from the bootstrap role, so renaming it is the only way
     * to a non-superuser {@code postgres} on such a cluster. Idempotent: a cluster that has supabase_admin is left
     * alone.
     */
    public static void convertFreshCluster(String host, int port) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection bootstrap = connect(url, OPERATOR_ROLE)) {
            if (roleExists(bootstrap, ADMIN_ROLE)) {
                return;
            }
            execute(bootstrap, "create role " + RENAME_HELPER_ROLE + " superuser login");
        } catch (SQLException e) {
            throw setupFailure("preparing the cluster's roles", e);
        }
        try (Connection helper = connect(url, RENAME_HELPER_ROLE)) {
            execute(helper, "alter role " + OPERATOR_ROLE + " rename to " + ADMIN_ROLE);
        } catch (SQLException e) {
            throw setupFailure("renaming the bootstrap superuser to " + ADMIN_ROLE, e);
        }
        try (Connection admin = connect(url, ADMIN_ROLE)) {
            execute(admin, "drop role " + RENAME_HELPER_ROLE);
            installRoles(admin);
            execute(admin, "alter database postgres owner to " + OPERATOR_ROLE);
        } catch (SQLException e) {
            throw setupFailure("creating Supabase's roles", e);
        }
    }

    /** Supabase's cluster roles (supabase-roles.sql); the connection must be a superuser other than postgres. */
    public static void installRoles(Connection admin) throws SQLException {
        requireSetupSuperuser(admin);
        runScript(admin, ROLES_SCRIPT);
    }

    /**
     * Supabase's schemas, grants and x402.jobs' pre-005 tables in the connected database, in one transaction.
     * The roles must exist (see {@link #installRoles}).
     */
    public static void installDatabase(Connection admin, boolean withDemoData) throws SQLException {
        installDatabase(admin, withDemoData, SchemaVariant.SEED);
    }

    /** The same, with the model catalog named as the schema variant names it (x402_openrouter_models when shipped). */
    public static void installDatabase(Connection admin, boolean withDemoData, SchemaVariant variant)
            throws SQLException {
        requireSetupSuperuser(admin);
        boolean autoCommit = admin.getAutoCommit();
        admin.setAutoCommit(false);
        try {
            execute(admin, "grant all on database \"" + currentDatabase(admin).replace("\"", "\"\"") + "\" to "
                    + OPERATOR_ROLE);
            execute(admin, "grant all on schema public to " + OPERATOR_ROLE);
            runScript(admin, DATABASE_SCRIPT, variant);
            if (withDemoData) {
                runScript(admin, DEMO_SCRIPT, variant);
            }
            admin.commit();
        } catch (SQLException | RuntimeException e) {
            admin.rollback();
            throw e;
        } finally {
            admin.setAutoCommit(autoCommit);
        }
    }

    /** Opens its own connection to the target and installs the baseline there on the operator's explicit request. */
    public static void installOnOperatorRequest(ConnectionTarget target, String confirmedDatabaseName,
                                                boolean withDemoData) {
        try (Connection connection = DriverManager.getConnection(target.profile().jdbcUrl(),
                DatabaseSession.connectionProperties(target))) {
            installOnOperatorRequest(connection, confirmedDatabaseName, withDemoData,
                    target.profile().schemaVariant() == null ? SchemaVariant.SEED : target.profile().schemaVariant());
        } catch (SQLException e) {
            throw ConnectionFailures.explain(e, target.profile());
        }
    }

    /**
     * Installs the baseline on a target that is not the sandbox: only when the operator confirmed it by naming the
     * database, only when that database holds no tables of its own yet, and only as a superuser other than
     * postgres (the baseline makes postgres a non-superuser, as Supabase does).
     */
    public static void installOnOperatorRequest(Connection connection, String confirmedDatabaseName,
                                                boolean withDemoData) throws SQLException {
        installOnOperatorRequest(connection, confirmedDatabaseName, withDemoData, SchemaVariant.SEED);
    }

    public static void installOnOperatorRequest(Connection connection, String confirmedDatabaseName,
                                                boolean withDemoData, SchemaVariant variant) throws SQLException {
        String database;
        long userTables;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("""
                     select current_database(),
                            (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                             where c.relkind in ('r', 'p', 'v', 'm')
                               and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
                               and n.nspname not like 'pg_temp%')""")) {
            rs.next();
            database = rs.getString(1);
            userTables = rs.getLong(2);
        }
        if (!database.equals(confirmedDatabaseName)) {
            throw OperatorException.refused("The baseline was not installed on " + database
                    + ": the confirmation named '" + confirmedDatabaseName + "'",
                    "confirm with the database's exact name, " + database + ", if you really mean this database");
        }
        if (userTables > 0) {
            throw OperatorException.refused("The baseline was not installed: " + database + " already holds "
                    + userTables + " tables or views", "the baseline only goes onto an empty database");
        }
        installRoles(connection);
        installDatabase(connection, withDemoData, variant);
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

    /**
     * The baseline creates roles with BYPASSRLS and demotes postgres: only a superuser can, and it must not be
     * postgres itself, which would lose its own superuser in the middle of the script.
     */
    private static void requireSetupSuperuser(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select current_user, rolsuper from pg_roles where rolname = current_user")) {
            rs.next();
            String user = rs.getString(1);
            if (!rs.getBoolean(2)) {
                throw OperatorException.refused("The Supabase baseline needs a superuser, and " + user + " is not one."
                        + " Nothing was installed", "connect as the cluster's superuser (supabase_admin on a"
                        + " Supabase-shaped server) to install the baseline");
            }
            if (OPERATOR_ROLE.equals(user)) {
                throw OperatorException.refused("The Supabase baseline makes postgres a non-superuser, as on a hosted"
                        + " project, so it cannot run as postgres itself. Nothing was installed",
                        "create another superuser (for example supabase_admin) and connect as that role");
            }
        }
    }

    private static void runScript(Connection connection, String resource) throws SQLException {
        execute(connection, read(resource));
    }

    private static void runScript(Connection connection, String resource, SchemaVariant variant) throws SQLException {
        execute(connection, read(resource).replace("${model_catalog}", variant.modelCatalog()));
    }

    static String read(String resource) {
        try (InputStream in = SandboxBaseline.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw OperatorException.failure("The baseline script " + resource + " is missing from the"
                        + " installation", "reinstall the console", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean roleExists(Connection connection, String role) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String currentDatabase(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** Local trust connections only: the sandbox's setup never sends a password. */
    private static Connection connect(String url, String user) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        return DriverManager.getConnection(url, props);
    }

    private static OperatorException setupFailure(String step, SQLException e) {
        return OperatorException.failure("The sandbox's setup failed while " + step + ": " + e.getMessage(),
                "reset the sandbox to build it again from scratch", e);
    }
}

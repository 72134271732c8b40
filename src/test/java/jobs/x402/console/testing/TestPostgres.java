package jobs.x402.console.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jobs.x402.console.core.Secret;
import jobs.x402.console.target.ConnectionProfile;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.target.ConnectionUriParser;
import jobs.x402.console.db.SandboxBaseline;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.SslMode;
import jobs.x402.console.target.TargetKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL per test JVM: an embedded PostgreSQL 17 (zonky) started here, or the external server named by
 * {@code X402_TEST_JDBC_URL} (e.g. a stock PostgreSQL 15). Either way it gets Supabase's role model: the superuser
 * is {@code supabase_admin} and is used for setup only; the console and the tests connect as a non-superuser
 * {@code postgres}. A template database holds the Supabase-faithful baseline with demo data and none of the console's
 * own tables; every test class gets a fresh database cloned from it, owned by postgres as on a hosted project.
 */
public final class TestPostgres {
    public static final String EXTERNAL_URL_VARIABLE = "X402_TEST_JDBC_URL";
    /** A login role whose password the embedded server checks (pg_hba scram), for wrong-password tests. */
    public static final String PASSWORD_ROLE = "x402_password_probe";
    public static final String PASSWORD_ROLE_PASSWORD = "probe-Password-42";
    static final String TEMPLATE = "x402_test_template";
    /** The same baseline with the live project's catalog name (x402_openrouter_models): the shipped variant. */
    static final String SHIPPED_TEMPLATE = "x402_test_template_shipped";

    private static TestPostgres instance;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres embedded;
    /** The superuser (supabase_admin): creates roles, databases and the baseline, nothing else. */
    private final ConnectionProfile adminProfile;
    private final Secret adminPassword;

    private TestPostgres(EmbeddedPostgres embedded, ConnectionProfile adminProfile, Secret adminPassword) {
        this.embedded = embedded;
        this.adminProfile = adminProfile;
        this.adminPassword = adminPassword;
    }

    /** The role every test's console session connects as. */
    public static String operatorRole() {
        return SandboxBaseline.OPERATOR_ROLE;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            instance = start();
            instance.createTemplate();
        }
        return instance;
    }

    public boolean isExternal() {
        return embedded == null;
    }

    public int port() {
        return adminProfile.port();
    }

    private static TestPostgres start() {
        String external = System.getenv(EXTERNAL_URL_VARIABLE);
        if (external != null && !external.isBlank()) {
            ConnectionUriParser.ParsedConnection parsed = ConnectionUriParser.parse(external, "external-test");
            Secret password = parsed.embeddedPassword();
            if (password == null && System.getenv("PGPASSWORD") != null) {
                password = Secret.of(System.getenv("PGPASSWORD"));
            }
            return new TestPostgres(null, parsed.profile(), password).prepareExternalServer();
        }
        try {
            Path root = Path.of("target", "test-postgres").toAbsolutePath();
            Files.createDirectories(root);
            Path data = Files.createTempDirectory(root, "pgdata-");
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(root.resolve("binaries").toFile())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setDataDirectoryCustomizer(TestPostgres::requirePasswordsForOtherRoles)
                    .start();
            SandboxBaseline.convertFreshCluster("localhost", server.getPort());
            ConnectionProfile profile = new ConnectionProfile("test-admin", "localhost", server.getPort(),
                    "postgres", SandboxBaseline.ADMIN_ROLE, SslMode.DISABLE, null, Map.of());
            return new TestPostgres(server, profile, null);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded test PostgreSQL did not start", e);
        }
    }

    /**
     * The external server must have a superuser other than postgres: the tests make postgres a non-superuser, as on
     * Supabase, and give it the admin's password so the console can log in as it.
     */
    private TestPostgres prepareExternalServer() {
        try (Connection admin = adminConnection("postgres"); Statement st = admin.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select current_user, rolsuper from pg_roles"
                     + " where rolname = current_user")) {
            rs.next();
            if (!rs.getBoolean(2) || SandboxBaseline.OPERATOR_ROLE.equals(rs.getString(1))) {
                throw new IllegalStateException(EXTERNAL_URL_VARIABLE + " must name a superuser other than postgres"
                        + " (e.g. supabase_admin): the tests make postgres a non-superuser as on Supabase."
                        + " See the README's \"Tests on a stock PostgreSQL 15\"");
            }
            rs.close();
            SandboxBaseline.installRoles(admin);
            if (adminPassword != null) {
                try (java.sql.PreparedStatement ps = admin.prepareStatement("select format('alter role postgres"
                        + " password %L', ?::text)")) {
                    ps.setString(1, adminPassword.reveal());
                    try (java.sql.ResultSet alter = ps.executeQuery()) {
                        alter.next();
                        st.execute(alter.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the external server's roles: " + e.getMessage(), e);
        }
        return this;
    }

    /** The setup roles keep trust on loopback; every other role must give its password (so wrong ones fail). */
    private static void requirePasswordsForOtherRoles(java.io.File dataDirectory) {
        String hba = """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host all postgres ::1/128 trust
                host all supabase_admin 127.0.0.1/32 trust
                host all supabase_admin ::1/128 trust
                host all x402_bootstrap_rename 127.0.0.1/32 trust
                host all x402_bootstrap_rename ::1/128 trust
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """;
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), hba);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createTemplate() {
        try (Connection admin = adminConnection("postgres"); Statement st = admin.createStatement()) {
            for (String template : List.of(TEMPLATE, SHIPPED_TEMPLATE)) {
                st.execute("drop database if exists " + template);
                st.execute("create database " + template + " owner " + SandboxBaseline.OPERATOR_ROLE);
            }
            if (!isExternal()) {
                st.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + PASSWORD_ROLE
                        + "') then create role " + PASSWORD_ROLE + " login password '" + PASSWORD_ROLE_PASSWORD
                        + "'; end if; end $$");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the template databases: " + e.getMessage(), e);
        }
        installTemplate(TEMPLATE, SchemaVariant.SEED);
        installTemplate(SHIPPED_TEMPLATE, SchemaVariant.SHIPPED);
    }

    private void installTemplate(String template, SchemaVariant variant) {
        try (Connection connection = adminConnection(template)) {
            SandboxBaseline.installDatabase(connection, true, variant);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot install the baseline into " + template + ": " + e.getMessage(), e);
        }
    }

    /** A new database of the seed variant, named after the test class. */
    public ConnectionTarget freshDatabase(String hint) {
        return freshDatabase(hint, SchemaVariant.SEED);
    }

    /** A new database cloned from the variant's template, named after the test class. */
    public ConnectionTarget freshDatabase(String hint, SchemaVariant variant) {
        String name = ("x402_t_" + hint.replaceAll("[^A-Za-z0-9]", "_") + "_" + DATABASES.incrementAndGet())
                .toLowerCase(java.util.Locale.ROOT);
        if (name.length() > 60) {
            name = name.substring(0, 50) + "_" + DATABASES.get();
        }
        try (Connection admin = adminConnection("postgres"); Statement st = admin.createStatement()) {
            st.execute("drop database if exists " + name);
            st.execute("create database " + name + " owner " + SandboxBaseline.OPERATOR_ROLE + " template "
                    + (variant == SchemaVariant.SHIPPED ? SHIPPED_TEMPLATE : TEMPLATE));
            // database-level settings and grants belong to one database, so a clone needs them anew
            st.execute("alter database " + name + " set pgrst.db_schemas = 'public, graphql_public'");
            st.execute("grant all on database " + name + " to " + SandboxBaseline.OPERATOR_ROLE + ", dashboard_user");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clone the template into " + name + ": " + e.getMessage(), e);
        }
        ConnectionProfile profile = new ConnectionProfile(name, adminProfile.host(), adminProfile.port(), name,
                operatorRole(), adminProfile.sslMode(), adminProfile.sslRootCert(), adminProfile.options());
        Secret password = adminPassword == null ? null : Secret.of(adminPassword.chars());
        return new ConnectionTarget(profile, isExternal() ? TargetKind.LOCAL : TargetKind.SANDBOX, password);
    }

    /** A connection as the superuser (supabase_admin): for setup that a hosted project's operator could not do. */
    public Connection adminConnection(String database) throws SQLException {
        ConnectionProfile profile = new ConnectionProfile("admin", adminProfile.host(), adminProfile.port(), database,
                adminProfile.user(), adminProfile.sslMode(), adminProfile.sslRootCert(), adminProfile.options());
        Properties props = new Properties();
        props.setProperty("user", profile.user());
        if (adminPassword != null) {
            props.setProperty("password", adminPassword.reveal());
        }
        return DriverManager.getConnection(profile.jdbcUrl(), props);
    }
}

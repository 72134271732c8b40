package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.resources.InstantFixtures;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.testing.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access matrix and its pgTAP export on a database after migration 005, from the command line. The pg_prove
 * part needs pgTAP on the server (Debian's postgresql-15-pgtap, for an X402_TEST_JDBC_URL server) and pg_prove on
 * the PATH; without them it is skipped with a message that names what is missing.
 */
@ExtendWith(DatabaseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RlsMatrixCommandTest {
    private static final String KEY_TABLE = "public.user_openrouter_integrations";
    @TempDir
    Path home;

    private TestDatabase db;

    @BeforeAll
    void setUp(TestDatabase db) throws Exception {
        this.db = db;
        InstantFixtures.applyMigration(db);
        try (Connection admin = TestPostgres.get().adminConnection(db.name()); Statement st = admin.createStatement()) {
            // a custom role a policy names; postgres is not a member of it (yet)
            // roles are the cluster's: an external test server may have it from an earlier run
            st.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'matrix_auditor') then"
                    + " create role matrix_auditor nologin; end if; end $$");
            st.execute("revoke matrix_auditor from postgres");
            st.execute("grant select on public.x402_servers to matrix_auditor");
            st.execute("create policy \"auditors read servers\" on public.x402_servers for select to matrix_auditor"
                    + " using (true)");
        }
    }

    private CliRun rls(String... args) {
        List<String> all = new ArrayList<>(List.of("rls"));
        all.addAll(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl(), "--user", "postgres", "--quiet"));
        return CliRun.run(home, env(), all.toArray(String[]::new));
    }

    private Map<String, String> env() {
        return db.target().password() == null ? Map.of() : Map.of("PGPASSWORD", db.target().password().reveal());
    }

    private static Map<String, String> verdicts(JsonNode matrix, String table) {
        Map<String, String> verdicts = new HashMap<>();
        for (JsonNode t : matrix.path("tables")) {
            if (t.path("table").asText().equals(table)) {
                t.path("cells").forEach(c -> verdicts.put(c.path("persona").asText() + " "
                        + c.path("operation").asText(), c.path("verdict").asText()));
            }
        }
        return verdicts;
    }

    private long authUsers() throws Exception {
        try (Connection c = TestPostgres.get().adminConnection(db.name()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select (select count(*) from auth.users)"
                     + " + (select count(*) from public.user_openrouter_integrations)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theKeyTableKeepsEachUserToTheirOwnRowAndLeavesNothingBehind() throws Exception {
        long before = authUsers();
        CliRun run = rls("matrix", "--table", KEY_TABLE, "--table", "public.x402_servers", "--json");
        assertThat(run.exitCode).as(run.toString()).isZero();
        Map<String, String> key = verdicts(run.json(), KEY_TABLE);
        for (String op : List.of("select", "insert", "update", "delete")) {
            assertThat(key.get("anon " + op)).as("anon " + op).isEqualTo("denied");
            assertThat(key.get("owner " + op)).as("owner " + op).isEqualTo("own rows only");
            assertThat(key.get("other user " + op)).as("other user " + op).isEqualTo("own rows only");
            assertThat(key.get("service_role " + op)).as("service_role " + op).isEqualTo("allowed");
        }
        // the role a policy names is a column; postgres cannot become it, so its cells say why and the rest ran
        Map<String, String> servers = verdicts(run.json(), "public.x402_servers");
        assertThat(servers.get("matrix_auditor select")).isEqualTo("not run");
        assertThat(run.json().toString()).contains("cannot SET ROLE matrix_auditor");
        assertThat(servers.get("owner select")).isEqualTo("denied");
        // every cell carries the SQL that proved it
        assertThat(run.json().path("tables").get(0).path("cells").get(0).path("steps").get(0).path("sql").asText())
                .startsWith("select");
        assertThat(authUsers()).as("fixture users and rows are rolled back").isEqualTo(before);
    }

    @Test
    void aRoleTheOperatorMayAssumeGetsRealAnswers() throws Exception {
        try (Connection admin = TestPostgres.get().adminConnection(db.name()); Statement st = admin.createStatement()) {
            st.execute("grant matrix_auditor to postgres");
        }
        try {
            CliRun run = rls("matrix", "--table", "public.x402_servers", "--json");
            assertThat(run.exitCode).as(run.toString()).isZero();
            Map<String, String> servers = verdicts(run.json(), "public.x402_servers");
            assertThat(servers.get("matrix_auditor select")).isEqualTo("allowed");
            assertThat(servers.get("matrix_auditor update")).isEqualTo("denied");
        } finally {
            try (Connection admin = TestPostgres.get().adminConnection(db.name());
                 Statement st = admin.createStatement()) {
                st.execute("revoke matrix_auditor from postgres");
            }
        }
    }

    @Test
    void badInputNamesTheProblemAndChangesNothing(@TempDir Path out) throws Exception {
        CliRun table = rls("matrix", "--table", "public.no_such_table");
        assertThat(table.exitCode).isEqualTo(2);
        assertThat(table.err).contains("public.no_such_table");
        CliRun role = rls("matrix", "--table", KEY_TABLE, "--as-role", "no_such_role");
        assertThat(role.exitCode).isEqualTo(2);
        assertThat(role.err).contains("no_such_role");
        Path unwritable = out.resolve("missing-folder").resolve("suite.sql");
        CliRun export = rls("export-pgtap", "--out", unwritable.toString(), "--table", KEY_TABLE);
        assertThat(export.exitCode).isEqualTo(5);
        assertThat(export.err).contains(unwritable.getParent().toString());
        assertThat(Files.exists(unwritable.getParent())).isFalse();
    }

    @Test
    void theExportedSuitePassesUnderPgProveAndFailsWhenThePolicyWeakens(@TempDir Path out) throws Exception {
        Path suite = out.resolve("rls_matrix_test.sql");
        CliRun export = rls("export-pgtap", "--out", suite.toString(), "--table", KEY_TABLE, "--json");
        assertThat(export.exitCode).as(export.toString()).isZero();
        String sql = Files.readString(suite);
        assertThat(sql).startsWith("-- Row level security").contains("begin;").contains("select plan(")
                .contains("select * from finish();").endsWith("rollback;\n");
        assertThat(export.json().path("assertions").asInt()).isGreaterThan(20);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(suite)))
                .isEqualTo("rw-------");

        Assumptions.assumeTrue(onPath("pg_prove"), "pg_prove is not installed (Debian:"
                + " libtap-parser-sourcehandler-pgtap-perl); the exported suite was written but not run");
        try (Connection admin = TestPostgres.get().adminConnection(db.name()); Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("select exists (select 1 from pg_available_extensions"
                     + " where name = 'pgtap')")) {
            rs.next();
            Assumptions.assumeTrue(rs.getBoolean(1), "pgTAP is not available on this server (the embedded"
                    + " PostgreSQL has none; run with X402_TEST_JDBC_URL on a PostgreSQL 15 with"
                    + " postgresql-15-pgtap)");
            st.execute("create extension if not exists pgtap with schema extensions");
        }
        long before = authUsers();
        ProveRun passing = prove(suite);
        assertThat(passing.exit).as(passing.output).isZero();
        assertThat(passing.output).contains("All tests successful");
        assertThat(authUsers()).as("the suite leaves no data behind").isEqualTo(before);

        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("alter policy \"Users can manage their own OpenRouter config\" on " + KEY_TABLE
                    + " using (true)");
        }
        try {
            ProveRun failing = prove(suite);
            assertThat(failing.exit).as(failing.output).isNotZero();
            assertThat(failing.output).contains("owner select " + KEY_TABLE + ": own rows only");
        } finally {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("alter policy \"Users can manage their own OpenRouter config\" on " + KEY_TABLE
                        + " using ((auth.uid() = user_id))");
            }
        }
    }

    private record ProveRun(int exit, String output) {
    }

    private ProveRun prove(Path suite) throws Exception {
        var profile = db.target().profile();
        ProcessBuilder pb = new ProcessBuilder("pg_prove", "-h", profile.host(), "-p",
                String.valueOf(profile.port()), "-U", "postgres", "-d", profile.database(), suite.toString())
                .redirectErrorStream(true);
        pb.environment().putAll(env());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new ProveRun(p.exitValue(), output);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}

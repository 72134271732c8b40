package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.resources.InstantFixtures;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.testing.TestPostgres;
import jobs.x402.console.testing.WithSchemaVariant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rls harden round trip on both schema variants: the lints it targets stop firing on 005's objects, who may do what
 * does not change (the access matrix and the expectation suite give the same answers), and its rollback restores
 * 005's definitions exactly.
 */
class RlsHardenCommandTest {

    @Nested
    @ExtendWith(DatabaseExtension.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Seed extends RoundTrip {
    }

    @Nested
    @ExtendWith(DatabaseExtension.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @WithSchemaVariant(SchemaVariant.SHIPPED)
    class Shipped extends RoundTrip {
    }

    abstract static class RoundTrip {
        @TempDir
        Path home;
        private TestDatabase db;

        @BeforeAll
        void setUp(TestDatabase db) throws Exception {
            this.db = db;
            InstantFixtures.applyMigration(db);
        }

        private CliRun cli(String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--url", db.jdbcUrl(), "--user", "postgres", "--quiet"));
            Map<String, String> env = db.target().password() == null ? Map.of()
                    : Map.of("PGPASSWORD", db.target().password().reveal());
            return CliRun.run(home, env, all.toArray(String[]::new));
        }

        private String keyTable() {
            return db.variant().keyTable();
        }

        /** 005's three definitions as the catalog prints them. */
        private String definitions() throws Exception {
            try (Connection c = TestPostgres.get().adminConnection(db.name()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select (select string_agg(polname || ': ' || coalesce(pg_get_expr("
                         + "polqual, polrelid), '-') || ' / ' || coalesce(pg_get_expr(polwithcheck, polrelid), '-'),"
                         + " '; ' order by polname) from pg_policy where polrelid = 'public." + keyTable()
                         + "'::regclass), (select coalesce(array_to_string(proconfig, ','), 'none') from pg_proc where"
                         + " oid = 'public.update_openrouter_integration_updated_at()'::regprocedure),"
                         + " (select relforcerowsecurity from pg_class where oid = 'public." + keyTable()
                         + "'::regclass)")) {
                rs.next();
                return rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getBoolean(3);
            }
        }

        private List<String> lintKeys() {
            CliRun run = cli("rls", "lints", "--json");
            return run.json().path("findings").findValuesAsText("cache_key");
        }

        private Map<String, String> matrix() {
            CliRun run = cli("rls", "matrix", "--table", "public." + keyTable(), "--json");
            assertThat(run.exitCode).as(run.toString()).isZero();
            Map<String, String> verdicts = new TreeMap<>();
            for (JsonNode cell : run.json().path("tables").get(0).path("cells")) {
                verdicts.put(cell.path("persona").asText() + " " + cell.path("operation").asText(),
                        cell.path("verdict").asText());
            }
            return verdicts;
        }

        @Test
        void hardenFixesTheLintsKeepsTheAnswersAndRollsBackExactly() throws Exception {
            String original = definitions();
            String initplan = "auth_rls_init_plan_public_" + keyTable() + "_Users can manage their own OpenRouter config";
            String function = "function_search_path_mutable_public_update_openrouter_integration_updated_at_";
            assertThat(lintKeys()).contains(initplan).anyMatch(k -> k.startsWith(function));
            Map<String, String> answersBefore = matrix();

            CliRun preview = cli("rls", "harden");
            assertThat(preview.exitCode).as("no --yes: shown, not run").isEqualTo(4);
            assertThat(preview.out).contains("not hardened").contains("force row level security");
            assertThat(cli("rls", "harden", "--dry-run").exitCode).isZero();
            assertThat(definitions()).as("the dry run leaves nothing").isEqualTo(original);

            CliRun harden = cli("rls", "harden", "--yes", "--json");
            assertThat(harden.exitCode).as(harden.toString()).isZero();
            assertThat(harden.json().path("after").path("state").asText()).isEqualTo("HARDENED");
            assertThat(definitions()).contains("SELECT auth.uid()").contains("search_path=\"\"").endsWith("true");
            assertThat(lintKeys()).doesNotContain(initplan).noneMatch(k -> k.startsWith(function))
                    .doesNotContain("rls_not_forced_on_secret_table_public_" + keyTable());
            assertThat(matrix()).as("who may do what is unchanged").isEqualTo(answersBefore);
            CliRun suite = cli("rls", "probe");
            assertThat(suite.exitCode).as(suite.toString()).isZero();
            assertThat(cli("migration", "status").out).contains("applied (23/23 objects match");
            assertThat(cli("rls", "harden", "--yes").out).contains("Already hardened");

            CliRun rollback = cli("rls", "harden", "--rollback", "--yes");
            assertThat(rollback.exitCode).as(rollback.toString()).isZero();
            assertThat(definitions()).as("rollback restores 005's definitions exactly").isEqualTo(original);
            CliRun again = cli("rls", "harden", "--rollback", "--yes");
            assertThat(again.exitCode).isEqualTo(4);
            assertThat(again.err).contains("no hardening to roll back");
            String audit = Files.readString(home.resolve("data/audit.jsonl"));
            assertThat(audit).contains("\"rls.harden\"").contains("\"rls.harden.rollback\"");
        }

        @Test
        void aHardeningMadeHalfByHandIsRefusedAndNothingChanges() throws Exception {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("alter table public." + keyTable() + " force row level security");
            }
            try {
                String before = definitions();
                CliRun run = cli("rls", "harden", "--yes");
                assertThat(run.exitCode).isEqualTo(4);
                assertThat(run.err).contains("partly hardened").contains("FORCE on");
                assertThat(definitions()).isEqualTo(before);
            } finally {
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("alter table public." + keyTable() + " no force row level security");
                }
            }
        }
    }
}

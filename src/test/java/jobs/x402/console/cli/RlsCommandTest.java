package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DatabaseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RlsCommandTest {
    @TempDir
    Path home;

    private TestDatabase db;

    @BeforeAll
    void setUp(TestDatabase db) throws SQLException {
        this.db = db;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("create table public.weak_keys (user_id uuid primary key references auth.users (id),"
                    + " api_key_encrypted text not null)");
            st.execute("alter table public.weak_keys enable row level security");
            st.execute("create policy \"anyone\" on public.weak_keys for all using (true) with check (true)");
        }
    }

    private CliRun rls(String... args) {
        List<String> all = new ArrayList<>(List.of("rls"));
        all.addAll(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl(), "--user", "postgres", "--quiet"));
        Map<String, String> env = db.target().password() == null ? Map.of()
                : Map.of("PGPASSWORD", db.target().password().reveal());
        return CliRun.run(home, env, all.toArray(String[]::new));
    }

    @Test
    void reportJsonListsTablesWithPoliciesAndGrants() {
        CliRun run = rls("report", "--json");
        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode claude = null;
        for (JsonNode table : run.json().path("tables")) {
            if (table.path("table").asText().equals("x402_user_claude_configs")) {
                claude = table;
            }
            assertThat(table.path("schema").asText()).isNotIn("auth", "pg_catalog", "information_schema");
        }
        assertThat(claude).isNotNull();
        assertThat(claude.path("rlsEnabled").asBoolean()).isTrue();
        assertThat(claude.path("rlsForced").asBoolean()).isFalse();
        assertThat(claude.path("policyCounts").path("ALL").asInt()).isEqualTo(2);
        assertThat(claude.path("grants").path("anon").toString()).contains("SELECT");
        assertThat(claude.path("policies").get(0).path("reading").asText()).isNotBlank();
        assertThat(run.json().path("exposedSchemas").get(0).asText()).isEqualTo("public");
    }

    @Test
    void reportTextShowsOneTablesPolicies() {
        CliRun run = rls("report", "--table", "public.x402_user_claude_configs");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("public.x402_user_claude_configs").contains("USING:")
                .contains("Never evaluated: service_role bypasses RLS.");
        assertThat(rls("report", "--table", "public.nope").exitCode).isEqualTo(2);
    }

    @Test
    void lintsExitOneAndSuppressionsArePerTarget() throws Exception {
        CliRun run = rls("lints", "--json");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        JsonNode findings = run.json().path("findings");
        assertThat(findings.toString()).contains("auth_rls_initplan").contains("rls_policy_always_true");
        String key = "rls_policy_always_true_public_weak_keys_anyone";
        assertThat(findings.findValuesAsText("key")).contains(key);

        CliRun errorsOnly = rls("lints", "--lint", "rls_enabled_no_policy", "--json");
        assertThat(errorsOnly.exitCode).as("INFO findings alone do not fail at WARN").isZero();

        CliRun suppressed = rls("lints", "--suppress", key, "--json");
        assertThat(suppressed.json().path("findings").findValuesAsText("key")).doesNotContain(key);
        assertThat(Files.readString(home.resolve("config/rls-suppressions.json"))).contains(key);
        CliRun shown = rls("lints", "--show-suppressed", "--json");
        assertThat(shown.json().path("suppressed").asInt()).isEqualTo(1);
        assertThat(rls("lints", "--unsuppress", key, "--json").json().path("findings").findValuesAsText("key"))
                .contains(key);
    }

    @Test
    void suppressionsTravelAsSplintersCacheKeys(@TempDir Path files) throws Exception {
        CliRun run = rls("lints", "--json");
        JsonNode first = run.json().path("findings").get(0);
        assertThat(first.has("cache_key")).isTrue();
        assertThat(first.path("categories").get(0).asText()).isIn("SECURITY", "PERFORMANCE");
        assertThat(first.path("facing").asText()).isEqualTo("EXTERNAL");
        String initplan = "auth_rls_init_plan_public_x402_user_claude_configs_Users can manage their own Claude config";
        assertThat(run.json().path("findings").findValuesAsText("cache_key")).contains(initplan);

        // a list as splinter (or Supabase's advisors API) returns it: rows with a cache_key field
        Path advisors = files.resolve("advisors.json");
        Files.writeString(advisors, "{\"lints\": [{\"name\": \"auth_rls_initplan\", \"cache_key\": \"" + initplan
                + "\"}]}");
        CliRun imported = rls("lints", "--suppress-from", advisors.toString(), "--json");
        assertThat(imported.json().path("findings").findValuesAsText("cache_key")).doesNotContain(initplan);

        Path exported = files.resolve("suppressed.txt");
        rls("lints", "--export-suppressions", exported.toString(), "--json");
        assertThat(Files.readAllLines(exported)).contains(initplan);
        assertThat(rls("lints", "--unsuppress", initplan, "--json").json().path("findings")
                .findValuesAsText("cache_key")).contains(initplan);

        CliRun bad = rls("lints", "--suppress-from", files.resolve("missing.txt").toString());
        assertThat(bad.exitCode).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err).contains("missing.txt");
    }

    @Test
    void aSuppressionSavedUnderTheOldKeyMovesToSplintersKey() throws Exception {
        String old = "auth_rls_initplan_public_x402_user_claude_configs_Users can manage their own Claude config";
        rls("lints", "--suppress", old, "--json");
        CliRun run = rls("lints", "--show-suppressed", "--json");
        String current = "auth_rls_init_plan_public_x402_user_claude_configs_Users can manage their own Claude config";
        boolean suppressed = false;
        for (JsonNode f : run.json().path("findings")) {
            if (f.path("cache_key").asText().equals(current)) {
                suppressed = f.path("suppressed").asBoolean();
            }
        }
        assertThat(suppressed).isTrue();
        String saved = Files.readString(home.resolve("config/rls-suppressions.json"));
        assertThat(saved).contains(current).doesNotContain(old);
        rls("lints", "--unsuppress", current, "--json");
    }

    @Test
    void probeRunsTheSuiteOnTheKeyTableOnlyWhenItExists(@TempDir Path export) throws Exception {
        CliRun missing = rls("probe", "--json");
        assertThat(missing.exitCode).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err).contains("user_openrouter_integrations").contains("migration 005");

        Path md = export.resolve("claude.md");
        CliRun good = rls("probe", "--table", "public.x402_user_claude_configs", "--expect", "--json", "--export",
                md.toString());
        assertThat(good.exitCode).as(good.toString()).isZero();
        assertThat(good.json().path("passed").asBoolean()).isTrue();
        assertThat(Files.readString(md)).contains("PASS");

        CliRun weak = rls("probe", "--table", "public.weak_keys", "--expect");
        assertThat(weak.exitCode).as(weak.toString()).isEqualTo(1);
        assertThat(weak.out).contains("[FAIL]").contains("sees no other user's row");
    }

    @Test
    void probeMatrixAndBadPersonas() {
        CliRun matrix = rls("probe", "--table", "x402_user_claude_configs", "--as", "anon", "--as", "service_role",
                "--json");
        assertThat(matrix.exitCode).as(matrix.toString()).isZero();
        assertThat(matrix.json().path("personas").get(0).path("attempts").get(1).path("verdict").asText())
                .isEqualTo("DENIED_BY_POLICY");

        CliRun unknownUser = rls("probe", "--table", "x402_user_claude_configs", "--as",
                "user:99999999-9999-4999-8999-999999999999");
        assertThat(unknownUser.exitCode).as(unknownUser.toString()).isEqualTo(1);
        assertThat(unknownUser.out).contains("NOT PROBED").contains("No auth.users row");

        CliRun badSpelling = rls("probe", "--table", "x402_user_claude_configs", "--as", "admin");
        assertThat(badSpelling.exitCode).isEqualTo(2);
        assertThat(badSpelling.err).contains("role:NAME");
    }
}

package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Drift found by `migration verify` (exit 1) and `migration status`. */
@ExtendWith(DatabaseExtension.class)
class MigrationCommandDriftTest {
    @TempDir
    Path home;

    private CliRun run(TestDatabase db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl(), "--user", "postgres"));
        Map<String, String> env = db.target().password() == null ? Map.of()
                : Map.of("PGPASSWORD", db.target().password().reveal());
        return CliRun.run(home, env, all.toArray(String[]::new));
    }

    @Test
    void aDriftedTargetFailsVerifyWithExitOneAndAdoptRefusesWithFour(TestDatabase db) throws Exception {
        if (!run(db, "migration", "status", "--json").json().path("state").asText().equals("applied")) {
            assertThat(run(db, "migration", "apply", "--yes", "--quiet").exitCode).isZero();
        }
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("alter table public.user_openrouter_integrations disable row level security");
        }
        CliRun verify = run(db, "migration", "verify", "--json", "--quiet");
        assertThat(verify.exitCode).isEqualTo(1);
        CliRun status = run(db, "migration", "status");
        assertThat(status.out).contains("drifted", "DISABLED");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("alter table public.user_openrouter_integrations enable row level security");
        }
        assertThat(run(db, "migration", "verify", "--quiet").exitCode).isZero();
    }
}

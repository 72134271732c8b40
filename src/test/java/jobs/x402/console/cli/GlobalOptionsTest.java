package jobs.x402.console.cli;

import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** --json, --quiet and --verbose mean the same wherever they stand on the line, or are refused: never ignored. */
@ExtendWith(DatabaseExtension.class)
class GlobalOptionsTest {
    @TempDir
    Path home;

    @Test
    void outputOptionsMoveToTheCommandThatRunsAndVerboseToTheRoot() {
        assertThat(ConsoleCli.withGlobalOptionsPlaced("--json", "rls", "lints", "-q", "--url", "u"))
                .containsExactly("rls", "lints", "--url", "u", "--json", "-q");
        assertThat(ConsoleCli.withGlobalOptionsPlaced("migration", "status", "--verbose", "--json"))
                .containsExactly("--verbose", "migration", "status", "--json");
        assertThat(ConsoleCli.withGlobalOptionsPlaced("--quiet", "keys", "set", "-q", "--", "--json"))
                .as("nothing after -- moves, and a repeated option is given once")
                .containsExactly("keys", "set", "--quiet", "--", "--json");
    }

    @Test
    void jsonBeforeTheSubcommandPrintsJson(TestDatabase db) {
        Map<String, String> env = db.target().password() == null ? Map.of()
                : Map.of("PGPASSWORD", db.target().password().reveal());
        CliRun before = CliRun.run(home, env, "--json", "--quiet", "rls", "lints", "--url", db.jdbcUrl(), "--user",
                "postgres");
        assertThat(before.exitCode).as(before.toString()).isIn(0, 1);
        assertThat(before.json().has("findings")).as(before.out).isTrue();
        assertThat(before.err).as("--quiet before the subcommand silences progress").isEmpty();

        CliRun verboseAfter = CliRun.run(home, env, "db", "ping", "--url", db.jdbcUrl(), "--user", "postgres",
                "--verbose", "--json");
        assertThat(verboseAfter.exitCode).as(verboseAfter.toString()).isZero();
        assertThat(verboseAfter.json().path("database").asText()).isEqualTo(db.name());
    }

    @Test
    void aCommandThatHasNoOutputRefusesJsonWithExitTwo() {
        CliRun run = CliRun.run(home, Map.of(), "--json", "profiles");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains("Unknown option: '--json'");
    }
}

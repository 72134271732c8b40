package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real sandbox lifecycle in a private home: extraction, baseline, status, ping, stop. */
class SandboxCommandTest {
    private static Path home;

    @BeforeAll
    static void createHome() throws IOException {
        Files.createDirectories(Path.of("target"));
        home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sandbox-home-");
    }

    @AfterAll
    static void stopSandbox() {
        CliRun.run(home, Map.of(), "sandbox", "stop");
    }

    @Test
    void startStatusPingAndStop() {
        CliRun before = CliRun.run(home, Map.of(), "sandbox", "status", "--json");
        assertThat(before.json().path("running").asBoolean()).isFalse();
        assertThat(before.json().path("initialized").asBoolean()).isFalse();

        CliRun start = CliRun.run(home, Map.of(), "sandbox", "start", "--json");
        assertThat(start.exitCode).as(start.toString()).isZero();
        JsonNode started = start.json();
        assertThat(started.path("running").asBoolean()).isTrue();
        assertThat(started.path("jdbcUrl").asText()).startsWith("jdbc:postgresql://localhost:");
        assertThat(started.path("database").asText()).isEqualTo("postgres");
        assertThat(started.path("user").asText()).isEqualTo("postgres");
        assertThat(started.path("host").asText()).isEqualTo("localhost");
        assertThat(start.err).contains("baseline");

        CliRun ping = CliRun.run(home, Map.of(), "db", "ping", "--sandbox", "--json");
        assertThat(ping.exitCode).as(ping.toString()).isZero();
        assertThat(ping.json().path("kind").asText()).isEqualTo("sandbox");
        assertThat(ping.json().path("serverVersion").asText()).startsWith("17.");

        CliRun overview = CliRun.run(home, Map.of(), "db", "overview", "--json", "--quiet");
        assertThat(overview.json().path("prerequisitesMet").asBoolean()).as(overview.toString()).isTrue();

        CliRun resetRefused = CliRun.run(home, Map.of(), "sandbox", "reset");
        assertThat(resetRefused.exitCode).isEqualTo(4);
        assertThat(resetRefused.err).contains("--yes");

        CliRun stop = CliRun.run(home, Map.of(), "sandbox", "stop", "--json");
        assertThat(stop.exitCode).as(stop.toString()).isZero();
        assertThat(stop.json().path("running").asBoolean()).isFalse();
        assertThat(stop.json().path("initialized").asBoolean()).isTrue();
    }
}

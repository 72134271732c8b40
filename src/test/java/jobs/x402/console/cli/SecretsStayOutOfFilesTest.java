package jobs.x402.console.cli;

import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Feeds passwords through every path the CLI has, then scans the log directory and the home for them. */
@ExtendWith(DatabaseExtension.class)
class SecretsStayOutOfFilesTest {
    @TempDir
    Path home;

    @Test
    void passwordsNeverReachTheLogOrTheConsoleHome(TestDatabase db) throws IOException {
        String viaEnv = "Env-Password-Leak-Probe-1";
        String viaUrl = "Url-Password-Leak-Probe-2";
        String viaProfileUrl = "Profile-Password-Leak-Probe-3";
        String url = "postgresql://" + TestPostgres.PASSWORD_ROLE + "@localhost:" + db.port() + "/" + db.name();
        CliRun.run(home, Map.of("PGPASSWORD", viaEnv), "--verbose", "db", "ping", "--url", url);
        CliRun.run(home, Map.of(), "db", "ping", "--url", "postgresql://" + TestPostgres.PASSWORD_ROLE + ":" + viaUrl
                + "@localhost:" + db.port() + "/" + db.name(), "--json");
        CliRun.run(home, Map.of(), "profiles", "add", "leaky", "--url",
                "postgresql://ops:" + viaProfileUrl + "@db.example.com:5432/postgres");
        CliRun.run(home, Map.of("PGPASSWORD", viaEnv), "db", "ping", "--profile", "leaky", "--json");

        List<Path> files = filesUnder(home);
        String logDir = System.getProperty("x402.console.logDir");
        if (logDir != null) {
            files.addAll(filesUnder(Path.of(logDir)));
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(content).as(file.toString()).doesNotContain(viaEnv, viaUrl, viaProfileUrl);
        }
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new java.util.ArrayList<>();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return new java.util.ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
    }
}

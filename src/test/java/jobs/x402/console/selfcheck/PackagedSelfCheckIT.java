package jobs.x402.console.selfcheck;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --self-check --json} against the jpackage app-image (profile package-linux runs it through failsafe):
 * the packaged runtime has its modules, natives, changelogs and PostgreSQL binaries, and the launcher maps its AppCDS
 * archive ({@code -Xshare:on} makes the JVM refuse to start otherwise).
 */
class PackagedSelfCheckIT {

    @Test
    void thePackagedLauncherPassesItsSelfCheckWithTheAppCdsArchiveMapped(@TempDir Path home) throws Exception {
        Path image = Path.of(System.getProperty("x402.console.appImage"));
        Path launcher = image.resolve(System.getProperty("x402.console.launcher"));
        assertThat(launcher).isExecutable();

        List<String> command = new ArrayList<>();
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            command.addAll(List.of("xvfb-run", "-a"));
        }
        command.addAll(List.of(launcher.toString(), "--self-check", "--json"));
        Path stdout = home.resolve("stdout.json");
        Path stderr = home.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("X402_CONSOLE_HOME", home.resolve("console-home").toString());
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Xshare:on");
        builder.environment().put("NO_AT_BRIDGE", "1");
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("self-check finished").isTrue();
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        String err = Files.readString(stderr, StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as("exit code\nstdout: %s\nstderr: %s", out, err).isZero();
        JsonNode report = Json.mapper().readTree(out);
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("javaHome").asText()).startsWith(image.toString());
        List<String> names = new ArrayList<>();
        report.get("checks").forEach(check -> {
            names.add(check.get("name").asText());
            assertThat(check.get("ok").asBoolean()).as(check.toString()).isTrue();
        });
        assertThat(names).containsExactly("javafx", "tls", "bouncycastle", "liquibase", "postgres-binaries",
                "hibernate");
    }

    @Test
    void thePackagedConsoleShowsItsPackagesVersionAndCommit(@TempDir Path home) throws Exception {
        Path image = Path.of(System.getProperty("x402.console.appImage"));
        Path launcher = image.resolve(System.getProperty("x402.console.launcher"));
        String packageVersion = System.getProperty("x402.console.packageVersion");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--version")
                .redirectOutput(home.resolve("stdout.txt").toFile()).redirectError(home.resolve("err.txt").toFile());
        builder.environment().put("X402_CONSOLE_HOME", home.resolve("console-home").toString());
        Process process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("--version finished").isTrue();
        assertThat(process.exitValue()).isZero();
        String version = Files.readString(home.resolve("stdout.txt"), StandardCharsets.UTF_8);
        // what dpkg -l shows (0.1.0-1), not the Maven version (0.1.0-SNAPSHOT), and the commit it was built from
        assertThat(version).startsWith("x402 Operator Console " + packageVersion + " (commit ")
                .doesNotContain("SNAPSHOT").doesNotContain("commit unknown");
    }

    @Test
    void theArchiveHoldsTheClassPathClassesToo(@TempDir Path home) throws Exception {
        Path image = Path.of(System.getProperty("x402.console.appImage"));
        Path launcher = image.resolve(System.getProperty("x402.console.launcher"));
        Path classLoads = home.resolve("class-load.log");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--version")
                .redirectOutput(home.resolve("stdout.txt").toFile()).redirectErrorStream(true);
        builder.environment().put("X402_CONSOLE_HOME", home.resolve("console-home").toString());
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Xshare:on -Xlog:class+load=info:file=" + classLoads);
        Process process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("--version finished").isTrue();
        assertThat(process.exitValue()).isZero();
        // the launcher's own class and picocli come from the operator-console and picocli jars on the class path
        assertThat(Files.readString(classLoads, StandardCharsets.UTF_8))
                .contains("jobs.x402.console.Launcher source: shared objects file")
                .contains("picocli.CommandLine source: shared objects file");
    }
}

package jobs.x402.console.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox server outlives the command that started it, so it must not keep that command's environment: the
 * integration secret, PGPASSWORD and whatever else the operator's shell holds. Started as operators start it (a
 * console process with secrets in its environment), then read from /proc.
 */
class SandboxEnvironmentTest {
    private static final String SECRET = "sandbox-env-secret-Zq41";
    private static final String PASSWORD = "sandbox-env-password-Mv07";

    @TempDir
    Path home;

    private Process console(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", classPath, "jobs.x402.console.Launcher"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.out").toFile()));
        builder.environment().put("X402_CONSOLE_HOME", home.toString());
        builder.environment().put("INTEGRATION_ENCRYPTION_SECRET", SECRET);
        builder.environment().put("PGPASSWORD", PASSWORD);
        return builder.start();
    }

    @Test
    void theSandboxServerDoesNotInheritTheCallersSecrets() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads the server's environment from /proc");
        Process start = console("sandbox", "start", "--quiet");
        assertThat(start.waitFor(180, TimeUnit.SECONDS)).isTrue();
        try {
            assertThat(start.exitValue()).as(Files.readString(home.resolve("console.out"))).isZero();
            Path pidFile = home.resolve("data/sandbox/pgdata/postmaster.pid");
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            String environment = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "environ")),
                    StandardCharsets.UTF_8);
            assertThat(environment).contains("PGDATA=").doesNotContain(SECRET).doesNotContain(PASSWORD)
                    .doesNotContain("X402_CONSOLE_HOME");

            // a restart (through the same wrapper) is clean too
            assertThat(console("sandbox", "stop", "--quiet").waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(console("sandbox", "start", "--quiet").waitFor(120, TimeUnit.SECONDS)).isTrue();
            long again = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            assertThat(new String(Files.readAllBytes(Path.of("/proc", String.valueOf(again), "environ")),
                    StandardCharsets.UTF_8)).doesNotContain(SECRET).doesNotContain(PASSWORD);
            assertThat(unprivateFiles()).as("files 0600, folders 0700 in the home, the sandbox included").isEmpty();
        } finally {
            console("sandbox", "stop", "--quiet").waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** Everything in the home that group or others may read, the PostgreSQL binaries (a package's files) aside. */
    private List<String> unprivateFiles() throws Exception {
        Path binaries = home.resolve("data/sandbox/binaries");
        List<String> open = new java.util.ArrayList<>();
        try (var paths = Files.walk(home)) {
            for (Path path : paths.toList()) {
                if (path.equals(home) || path.startsWith(binaries) || path.getFileName().toString().equals("console.out")) {
                    continue;
                }
                var mode = Files.getPosixFilePermissions(path, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    open.add(home.relativize(path) + " " + java.nio.file.attribute.PosixFilePermissions.toString(mode));
                }
            }
        }
        return open;
    }
}

package jobs.x402.console.cli;

import jobs.x402.console.selfcheck.CheckResult;
import jobs.x402.console.selfcheck.SelfCheckReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The --self-check output contract; the checks themselves run in SelfCheckTest and against the app-image. */
class SelfCheckCommandTest {

    @Test
    void theJsonDocumentNamesEveryCheckAndTheOverallVerdict() {
        SelfCheckReport report = new SelfCheckReport(List.of(
                new CheckResult("tls", "TLS", true, 12, "client hello of 512 bytes"),
                new CheckResult("javafx", "JavaFX", false, 30, "no display")), 42);

        Map<String, Object> doc = SelfCheckCommand.document(report);

        assertThat(doc).containsEntry("ok", false).containsEntry("totalMillis", 42L).containsKeys("version",
                "commit", "java");
        assertThat((List<?>) doc.get("checks")).hasSize(2).first().isEqualTo(Map.of("name", "tls", "ok", true,
                "millis", 12L, "description", "TLS", "detail", "client hello of 512 bytes"));
    }

    @Test
    void theRootCommandWithoutACommandIsAUsageError(@TempDir Path home) {
        CliRun run = CliRun.run(home, Map.of(), "--json");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains("--self-check");
    }
}

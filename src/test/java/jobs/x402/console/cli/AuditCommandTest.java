package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ConsoleHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `audit list`: the local audit log, newest first, filtered by action, text and time; bad input changes nothing. */
class AuditCommandTest {
    @TempDir
    Path home;

    private void entries() throws InterruptedException {
        AuditLog log = AuditLog.in(ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, home.toString())));
        log.append("postgres", "db.example.com · postgres", "migration.apply", "005", "ok", Map.of("statements", 22));
        Thread.sleep(5);
        log.append("postgres", "db.example.com · postgres", "keys.disable", "alice@example.com", "ok", null);
        Thread.sleep(5);
        log.append("postgres", "localhost · sandbox", "keys.reveal", "bob@example.com", "refused", null);
    }

    @Test
    void anEmptyLogSaysSo() {
        CliRun run = CliRun.run(home, Map.of(), "audit", "list");
        assertThat(run.exitCode).isZero();
        assertThat(run.out).startsWith("the audit log is empty");
    }

    @Test
    void entriesAreNewestFirstAndFiltered() throws Exception {
        entries();
        CliRun all = CliRun.run(home, Map.of(), "audit", "list", "--json");
        assertThat(all.exitCode).isZero();
        JsonNode doc = all.json();
        assertThat(doc.get("total").asInt()).isEqualTo(3);
        assertThat(doc.get("entries").get(0).get("action").asText()).isEqualTo("keys.reveal");
        assertThat(doc.get("entries").get(2).get("details").get("statements").asInt()).isEqualTo(22);

        CliRun keys = CliRun.run(home, Map.of(), "audit", "list", "--action", "keys.", "--search", "ALICE", "--json");
        assertThat(keys.json().get("matched").asInt()).isEqualTo(1);
        assertThat(keys.json().get("entries").get(0).get("subject").asText()).isEqualTo("alice@example.com");

        CliRun recent = CliRun.run(home, Map.of(), "audit", "list", "--since", "1h", "--limit", "2");
        assertThat(recent.out).contains("keys.reveal").contains("keys.disable").doesNotContain("migration.apply")
                .contains("2 of 3 matching");
    }

    @Test
    void badInputIsAUsageErrorThatNamesTheFix() throws Exception {
        entries();
        CliRun since = CliRun.run(home, Map.of(), "audit", "list", "--since", "last tuesday");
        assertThat(since.exitCode).isEqualTo(2);
        assertThat(since.err).contains("'last tuesday' is not a time the audit log can start from")
                .contains("30m, 12h, 7d");
        CliRun limit = CliRun.run(home, Map.of(), "audit", "list", "--limit", "-1");
        assertThat(limit.exitCode).isEqualTo(2);
        assertThat(limit.err).contains("--limit -1 is negative");
    }
}

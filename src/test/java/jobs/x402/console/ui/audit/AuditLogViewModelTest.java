package jobs.x402.console.ui.audit;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.session.ConsoleEnvironment;
import jobs.x402.console.ui.ErrorText;
import jobs.x402.console.ui.tasks.SameThreadTaskRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit-log window's view model without a toolkit: the same reading and filters as `audit list`. */
class AuditLogViewModelTest {
    private static final boolean TOOLKIT_BEFORE = jobs.x402.console.ui.tasks.NoToolkit.isRunning();

    @TempDir
    Path home;

    @AfterAll
    static void noToolkitWasNeeded() {
        jobs.x402.console.ui.tasks.NoToolkit.assertNotStarted(TOOLKIT_BEFORE);
    }

    @Test
    void readsNewestFirstFiltersAndKeepsTheEntriesOnABadFilter() throws Exception {
        ConsoleHome consoleHome = ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, home.toString()));
        List<ErrorText> errors = new ArrayList<>();
        AuditLogViewModel model = new AuditLogViewModel(new ConsoleEnvironment(consoleHome, Map.of()),
                new SameThreadTaskRunner(), errors::add);
        model.reload();
        assertThat(model.entries).isEmpty();
        assertThat(model.summary.get()).startsWith("The audit log is empty");

        AuditLog log = AuditLog.in(consoleHome);
        log.append("postgres", "sandbox", "migration.apply", "005", "ok", null);
        Thread.sleep(5);
        log.append("postgres", "sandbox", "keys.delete", "carol@example.com", "ok", null);
        model.reload();
        assertThat(model.entries).extracting(AuditLog.Entry::action).containsExactly("keys.delete", "migration.apply");
        assertThat(model.summary.get()).startsWith("2 of 2 entries");

        model.action.set("migration.");
        model.reload();
        assertThat(model.entries).extracting(AuditLog.Entry::subject).containsExactly("005");

        model.since.set("yesterday-ish");
        model.reload();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.problem()).contains("yesterday-ish"));
        assertThat(model.entries).as("what the last valid filter selected").hasSize(1);
        assertThat(model.loading.get()).isFalse();
    }
}

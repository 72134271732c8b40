package jobs.x402.console.ui.shell;

import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.session.ConsoleEnvironment;
import jobs.x402.console.ui.tasks.SameThreadTaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A page's context shares the window's session and displays, and labels its status lines with the page. */
class ConsoleContextTest {
    @TempDir
    Path home;

    @Test
    void aPagesStatusIsLabelledWithThePageAndEverythingElseIsShared() {
        ConsoleContext window = new ConsoleContext(new ConsoleEnvironment(ConsoleHome.fromEnvironment(
                Map.of(ConsoleHome.HOME_VARIABLE, home.toString())), Map.of()), new SameThreadTaskRunner());
        List<String> shown = new ArrayList<>();
        window.onStatus(text -> shown.add("window: " + text));
        window.onPageStatus((page, text) -> shown.add(page + ": " + text));
        List<String> errors = new ArrayList<>();
        window.onError(e -> errors.add(e.problem()));
        int[] changes = {0};
        window.setChangeListener(() -> changes[0]++);

        ConsoleContext overview = window.forPage("overview");
        ConsoleContext keys = overview.forPage("keys");
        overview.showStatus("Overview read");
        keys.showStatus("Keys read");
        window.showStatus("Connected");
        keys.showError(new IllegalStateException("no secret"));
        overview.databaseChanged();

        assertThat(shown).containsExactly("overview: Overview read", "keys: Keys read", "window: Connected");
        assertThat(errors).containsExactly("no secret");
        assertThat(changes[0]).isEqualTo(1);
        assertThat(keys.sessionProperty()).isSameAs(window.sessionProperty());
        assertThat(keys.tasks()).isSameAs(window.tasks());
    }
}

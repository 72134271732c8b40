package jobs.x402.console.ui.audit;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jobs.x402.console.core.AuditLog;
import jobs.x402.console.session.AuditApi;
import jobs.x402.console.session.ConsoleEnvironment;
import jobs.x402.console.ui.ErrorText;
import jobs.x402.console.ui.tasks.TaskRunner;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * The audit-log window without its controls: the filters, the entries they select (newest first), and a line that
 * says how many there are. Reading runs on the task runner; the file may hold many thousand lines.
 */
public final class AuditLogViewModel {
    final ObservableList<AuditLog.Entry> entries = FXCollections.observableArrayList();
    final StringProperty action = new SimpleStringProperty("");
    final StringProperty search = new SimpleStringProperty("");
    /** "", or as the CLI's --since takes it: 30m, 12h, 7d, a date or an instant. */
    final StringProperty since = new SimpleStringProperty("");
    final StringProperty summary = new SimpleStringProperty("Reading the audit log…");
    final BooleanProperty loading = new SimpleBooleanProperty(false);

    private final ConsoleEnvironment environment;
    private final TaskRunner tasks;
    private final Consumer<ErrorText> onError;
    private long generation;

    public AuditLogViewModel(ConsoleEnvironment environment, TaskRunner tasks, Consumer<ErrorText> onError) {
        this.environment = environment;
        this.tasks = tasks;
        this.onError = onError;
    }

    /** Reads with the filters as they are now; an answer to an older filter is dropped when it comes late. */
    void reload() {
        Instant from;
        try {
            from = since.get() == null || since.get().isBlank() ? null
                    : AuditApi.parseSince(since.get(), Instant.now());
        } catch (RuntimeException e) {
            onError.accept(ErrorText.of(e));
            return; // the entries shown still answer the last valid filter
        }
        long asked = ++generation;
        loading.set(true);
        summary.set("Reading the audit log…");
        AuditApi.AuditQuery query = new AuditApi.AuditQuery(action.get(), search.get(), from, 0);
        tasks.run("Reading the audit log", progress -> AuditApi.of(environment).entries(query), page -> {
            if (asked != generation) {
                return;
            }
            loading.set(false);
            entries.setAll(page.entries());
            summary.set(page.total() == 0 ? "The audit log is empty: nothing has been changed from this machine yet"
                    : String.format("%,d of %,d entries", page.matched(), page.total()) + " · " + page.file());
        }, failure -> {
            loading.set(false);
            onError.accept(ErrorText.of(failure));
        });
    }
}

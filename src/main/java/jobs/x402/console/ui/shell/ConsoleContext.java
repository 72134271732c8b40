package jobs.x402.console.ui.shell;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import jobs.x402.console.session.ConsoleEnvironment;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.ui.ErrorText;
import jobs.x402.console.ui.tasks.TaskRunner;

import java.util.function.Consumer;

/**
 * What every page gets from the main window: the environment, the current console session, the task runner and the
 * one error display. Pages read the session only on the FX thread and hand it to their work as a value.
 */
public final class ConsoleContext {
    private final ConsoleEnvironment environment;
    private final TaskRunner tasks;
    private final ReadOnlyObjectWrapper<ConsoleSession> session = new ReadOnlyObjectWrapper<>(this, "session");
    private Consumer<ErrorText> errorDisplay = error -> { };
    private Consumer<String> statusDisplay = text -> { };
    private Runnable changeListener = () -> { };

    public ConsoleContext(ConsoleEnvironment environment, TaskRunner tasks) {
        this.environment = environment;
        this.tasks = tasks;
    }

    public ConsoleEnvironment environment() {
        return environment;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public ReadOnlyObjectProperty<ConsoleSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public ConsoleSession session() {
        return session.get();
    }

    /** Replaces the session; the previous one is closed in the background. */
    public void setSession(ConsoleSession newSession) {
        ConsoleSession previous = session.get();
        session.set(newSession);
        if (previous != null && previous != newSession) {
            tasks.run("Closing the previous connection", progress -> {
                previous.close();
                return null;
            }, ignored -> { }, ignored -> { });
        }
    }

    /**
     * A page changed the database (applied a migration, saved a key...): the other pages read again when next shown,
     * so none keeps showing the state from before the change.
     */
    public void databaseChanged() {
        changeListener.run();
    }

    void setChangeListener(Runnable listener) {
        this.changeListener = listener;
    }

    /** Where failures are shown: the main window's message bar, or a test's list. */
    public void onError(Consumer<ErrorText> display) {
        this.errorDisplay = display;
    }

    public void onStatus(Consumer<String> display) {
        this.statusDisplay = display;
    }

    /** Shows a failure in the main window's message bar (the one place errors appear). */
    public void showError(Throwable failure) {
        errorDisplay.accept(ErrorText.of(failure));
    }

    public void showError(ErrorText error) {
        errorDisplay.accept(error);
    }

    public void showStatus(String text) {
        statusDisplay.accept(text);
    }
}

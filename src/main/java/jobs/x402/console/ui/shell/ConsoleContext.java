package jobs.x402.console.ui.shell;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.ui.ErrorText;
import jobs.x402.console.ui.tasks.BackgroundTasks;

import java.util.function.Consumer;

/** What every page gets from the main window: the current session, the shared executor and the one error display. */
public final class ConsoleContext {
    private final ConsoleHome home;
    private final BackgroundTasks tasks;
    private final ReadOnlyObjectWrapper<DatabaseSession> session = new ReadOnlyObjectWrapper<>(this, "session");
    private Consumer<ErrorText> errorDisplay = error -> { };
    private Consumer<String> statusDisplay = text -> { };
    private Runnable changeListener = () -> { };

    public ConsoleContext(ConsoleHome home, BackgroundTasks tasks) {
        this.home = home;
        this.tasks = tasks;
    }

    public ConsoleHome home() {
        return home;
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    public ReadOnlyObjectProperty<DatabaseSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public DatabaseSession session() {
        return session.get();
    }

    /** Replaces the session; the previous one is closed in the background. */
    void setSession(DatabaseSession newSession) {
        DatabaseSession previous = session.get();
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

    void setErrorDisplay(Consumer<ErrorText> display) {
        this.errorDisplay = display;
    }

    void setStatusDisplay(Consumer<String> display) {
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

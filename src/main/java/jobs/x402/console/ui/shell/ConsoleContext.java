package jobs.x402.console.ui.shell;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import jobs.x402.console.session.ConsoleEnvironment;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.ui.ErrorText;
import jobs.x402.console.ui.tasks.TaskRunner;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What every page gets from the main window: the environment, the current console session, the task runner and the
 * one error display. Pages read the session only on the FX thread and hand it to their work as a value.
 *
 * <p>Each page gets its own view of the window's context ({@link #forPage}): everything is shared except that its
 * status lines are labelled with the page, so a status that arrives after the operator moved on (the Overview's
 * "Overview read from …" finishing while the Migration page is shown) is kept for its own page, not shown on another.
 */
public final class ConsoleContext {
    private final ConsoleContext window;
    private final String page;
    private final ConsoleEnvironment environment;
    private final TaskRunner tasks;
    private final ReadOnlyObjectWrapper<ConsoleSession> session = new ReadOnlyObjectWrapper<>(this, "session");
    private Consumer<ErrorText> errorDisplay = error -> { };
    private Consumer<String> statusDisplay = text -> { };
    private BiConsumer<String, String> pageStatusDisplay = (pageId, text) -> statusDisplay.accept(text);
    private Runnable changeListener = () -> { };

    public ConsoleContext(ConsoleEnvironment environment, TaskRunner tasks) {
        this.window = null;
        this.page = null;
        this.environment = environment;
        this.tasks = tasks;
    }

    private ConsoleContext(ConsoleContext window, String page) {
        this.window = window;
        this.page = page;
        this.environment = window.environment;
        this.tasks = window.tasks;
    }

    /** The context a page gets: the window's, with the page's status lines labelled with {@code pageId}. */
    public ConsoleContext forPage(String pageId) {
        return new ConsoleContext(root(), pageId);
    }

    private ConsoleContext root() {
        return window == null ? this : window;
    }

    public ConsoleEnvironment environment() {
        return environment;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public ReadOnlyObjectProperty<ConsoleSession> sessionProperty() {
        return root().session.getReadOnlyProperty();
    }

    public ConsoleSession session() {
        return root().session.get();
    }

    /** Replaces the session; the previous one is closed in the background. */
    public void setSession(ConsoleSession newSession) {
        ReadOnlyObjectWrapper<ConsoleSession> current = root().session;
        ConsoleSession previous = current.get();
        current.set(newSession);
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
        root().changeListener.run();
    }

    void setChangeListener(Runnable listener) {
        root().changeListener = listener;
    }

    /** Where failures are shown: the main window's message bar, or a test's list. */
    public void onError(Consumer<ErrorText> display) {
        root().errorDisplay = display;
    }

    public void onStatus(Consumer<String> display) {
        root().statusDisplay = display;
    }

    /** Where a page's status lines go, with the page they belong to (the main window keeps one per page). */
    void onPageStatus(BiConsumer<String, String> display) {
        root().pageStatusDisplay = display;
    }

    /** Shows a failure in the main window's message bar (the one place errors appear). */
    public void showError(Throwable failure) {
        root().errorDisplay.accept(ErrorText.of(failure));
    }

    public void showError(ErrorText error) {
        root().errorDisplay.accept(error);
    }

    public void showStatus(String text) {
        if (page == null) {
            root().statusDisplay.accept(text);
        } else {
            root().pageStatusDisplay.accept(page, text);
        }
    }
}

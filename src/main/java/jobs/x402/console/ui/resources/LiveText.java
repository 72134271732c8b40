package jobs.x402.console.ui.resources;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import jobs.x402.console.ui.tasks.TaskRunner;

import java.util.function.Consumer;

/**
 * Text that arrives from a stream thread token by token and is shown on the UI thread in batches: the stream thread
 * only appends to a buffer; the first token after a drain asks for one drain at the start of the next frame, and
 * every token that arrives before it runs rides along. The view gets each batch appended ({@code TextArea.appendText}); the text is
 * never rebuilt, so showing n tokens costs O(n), not O(n²), and the FX thread sees one small task per pulse at most.
 */
final class LiveText {
    private final TaskRunner ui;
    private final StringBuilder pending = new StringBuilder(); // guarded by itself: written by the stream thread
    private boolean drainPosted; // guarded by pending
    private final StringBuilder shown = new StringBuilder(); // UI thread only
    private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(true); // UI thread only
    private Consumer<String> view = text -> { };
    private Runnable viewClear = () -> { };
    private long drains;

    LiveText(TaskRunner ui) {
        this.ui = ui;
    }

    /** Where batches go (the window's TextArea); the text shown so far is handed over at once. UI thread. */
    void attach(Consumer<String> appendToView, Runnable clearView) {
        this.view = appendToView;
        this.viewClear = clearView;
        clearView.run();
        if (!shown.isEmpty()) {
            appendToView.accept(shown.toString());
        }
    }

    /** Any thread: queue text for the next drain. */
    void append(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        boolean post;
        synchronized (pending) {
            pending.append(text);
            post = !drainPosted;
            drainPosted = true;
        }
        if (post) {
            ui.onNextFrame(this::drain);
        }
    }

    /** UI thread: forget everything, shown and pending (a new run starts). */
    void clear() {
        synchronized (pending) {
            pending.setLength(0);
        }
        shown.setLength(0);
        empty.set(true);
        viewClear.run();
    }

    private void drain() {
        String batch;
        synchronized (pending) {
            batch = pending.toString();
            pending.setLength(0);
            drainPosted = false;
        }
        if (batch.isEmpty()) {
            return;
        }
        drains++;
        shown.append(batch);
        empty.set(false);
        view.accept(batch);
    }

    /** UI thread: everything shown so far. */
    String text() {
        return shown.toString();
    }

    int length() {
        return shown.length();
    }

    /** How many batches reached the view (for the streaming benchmark). */
    long drains() {
        return drains;
    }

    ReadOnlyBooleanProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }
}

package jobs.x402.console.ui.tasks;

import jobs.x402.console.core.ProgressListener;

import java.util.function.Consumer;

/**
 * The one way a view model runs work off the UI thread. Exactly one handler runs afterwards, on the UI thread:
 * success, failure, or cancelled. The window's implementation is {@link FxTaskRunner}; view-model tests use a
 * same-thread one, so they run without a toolkit.
 */
public interface TaskRunner {

    /** A service call that reports progress and may be cancelled through the listener. */
    @FunctionalInterface
    interface Work<T> {
        T run(ProgressListener progress) throws Exception;
    }

    /** A task in flight. */
    interface Handle {
        /** Asks the work to stop; its cancelled handler runs instead of success or failure. */
        void cancel();
    }

    <T> Handle run(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                   Runnable onCancelled);

    default <T> Handle run(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return run(title, work, onSuccess, onFailure, () -> { });
    }

    /** Runs {@code action} on the UI thread soon (at once when already there and the runner allows it). */
    void onUiThread(Runnable action);

    /**
     * Runs {@code action} on the UI thread at the start of the next frame, before that frame's layout: what arrives
     * between two frames is shown once. A runner without frames runs it as {@link #onUiThread} does.
     */
    default void onNextFrame(Runnable action) {
        onUiThread(action);
    }
}

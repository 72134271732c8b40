package jobs.x402.console.ui.tasks;

import jobs.x402.console.core.ProgressListener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The view-model tests' task runner: work runs at once on the calling thread, and so does "the UI thread". A test
 * can have the next task cancelled from its start, as the window's Cancel button would, to check what a view model
 * shows after a cancel. Needs no toolkit.
 */
public final class SameThreadTaskRunner implements TaskRunner {
    private final List<String> titles = new ArrayList<>();
    private boolean cancelNext;
    private String cancelTitlePrefix;

    /** The next task sees a cancelled listener from its first check on. */
    public void cancelNextTask() {
        cancelNext = true;
    }

    /** The next task whose title starts with {@code prefix} is cancelled from its start (the others run). */
    public void cancelTaskTitled(String prefix) {
        cancelTitlePrefix = prefix;
    }

    /** The titles of every task run so far, in order. */
    public List<String> titles() {
        return List.copyOf(titles);
    }

    @Override
    public <T> Handle run(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                          Runnable onCancelled) {
        titles.add(title);
        boolean titled = cancelTitlePrefix != null && title.startsWith(cancelTitlePrefix);
        AtomicBoolean cancelled = new AtomicBoolean(cancelNext || titled);
        cancelNext = false;
        if (titled) {
            cancelTitlePrefix = null;
        }
        ProgressListener progress = new ProgressListener() {
            @Override
            public void progress(long done, long total, String message) {
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        T value = null;
        Throwable failure = null;
        try {
            value = work.run(progress);
        } catch (Throwable t) {
            failure = t;
        }
        // as in the window: a cancelled task calls neither success nor failure
        if (cancelled.get()) {
            onCancelled.run();
        } else if (failure != null) {
            onFailure.accept(failure);
        } else {
            onSuccess.accept(value);
        }
        return () -> cancelled.set(true);
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }
}

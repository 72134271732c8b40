package jobs.x402.console.ui.tasks;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import jobs.x402.console.core.ProgressListener;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one executor every view model runs its services on, so no JDBC, HTTP or crypto touches the FX thread.
 * The most recent task is published for the status bar's progress and cancel button.
 */
public final class BackgroundTasks {
    /** A service call that reports progress and may be cancelled through the listener. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ProgressListener progress) throws Exception;
    }

    private final ExecutorService executor;
    private final ReadOnlyObjectWrapper<Task<?>> current = new ReadOnlyObjectWrapper<>(this, "current");

    public BackgroundTasks() {
        AtomicInteger counter = new AtomicInteger();
        executor = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "console-task-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The task the status bar shows (the latest one started). */
    public ReadOnlyObjectProperty<Task<?>> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /**
     * Runs work in the background; exactly one of the handlers runs afterwards on the FX thread.
     * A cancelled task calls neither.
     */
    public <T> Task<T> run(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateTitle(title);
                updateMessage(title);
                Task<T> self = this;
                return work.run(new ProgressListener() {
                    @Override
                    public void progress(long done, long total, String message) {
                        if (total > 0) {
                            updateProgress(done, total);
                        } else {
                            updateProgress(-1, -1);
                        }
                        if (message != null) {
                            updateMessage(message);
                        }
                    }

                    @Override
                    public boolean isCancelled() {
                        return self.isCancelled();
                    }
                });
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        if (Platform.isFxApplicationThread()) {
            current.set(task);
        } else {
            Platform.runLater(() -> current.set(task));
        }
        executor.execute(task);
        return task;
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}

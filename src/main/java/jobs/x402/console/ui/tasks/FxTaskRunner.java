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
 * The window's task runner: a small daemon pool, so no JDBC, HTTP or crypto touches the FX thread. The most recent
 * task is published for the status bar's progress bar and cancel button.
 */
public final class FxTaskRunner implements TaskRunner {
    private final ExecutorService executor;
    private final ReadOnlyObjectWrapper<Task<?>> current = new ReadOnlyObjectWrapper<>(this, "current");

    public FxTaskRunner() {
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

    @Override
    public <T> Handle run(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                          Runnable onCancelled) {
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
        task.setOnCancelled(e -> onCancelled.run());
        onUiThread(() -> current.set(task));
        executor.execute(task);
        return () -> task.cancel(true);
    }

    @Override
    public void onUiThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> nextFrame =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean frameTimerStarted =
            new java.util.concurrent.atomic.AtomicBoolean();
    private javafx.animation.AnimationTimer frameTimer; // FX thread only

    /** One AnimationTimer runs the queued actions at the start of each pulse and stops when the queue is empty. */
    @Override
    public void onNextFrame(Runnable action) {
        nextFrame.add(action);
        if (frameTimerStarted.compareAndSet(false, true)) {
            onUiThread(this::startFrameTimer);
        }
    }

    private void startFrameTimer() {
        if (frameTimer == null) {
            frameTimer = new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    for (Runnable action = nextFrame.poll(); action != null; action = nextFrame.poll()) {
                        action.run();
                    }
                    frameTimerStarted.set(false);
                    stop();
                    if (!nextFrame.isEmpty() && frameTimerStarted.compareAndSet(false, true)) {
                        start(); // arrived while stopping: the next pulse takes it
                    }
                }
            };
        }
        frameTimer.start();
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}

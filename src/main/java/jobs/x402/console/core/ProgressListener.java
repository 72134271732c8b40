package jobs.x402.console.core;

/**
 * How services report long work without knowing who watches: the UI adapts it to {@code Task.updateProgress},
 * the CLI to a progress line on stderr.
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void progress(long done, long total, String message) {
        }
    };

    /** {@code total <= 0} means the amount of work is unknown. */
    void progress(long done, long total, String message);

    /** Services poll this between steps and stop (rolling back where they changed something) when it is true. */
    default boolean isCancelled() {
        return false;
    }

    default void step(String message) {
        progress(-1, -1, message);
    }

    /** Throws the standard cancellation failure when the watcher asked to stop. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new OperationCancelledException();
        }
    }
}

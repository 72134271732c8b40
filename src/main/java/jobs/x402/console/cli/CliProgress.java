package jobs.x402.console.cli;

import jobs.x402.console.core.ProgressListener;

import java.io.PrintWriter;

/** Progress on stderr, one line per step, so stdout stays clean for --json. */
final class CliProgress implements ProgressListener {
    private final PrintWriter err;
    private final boolean quiet;
    private String lastMessage;

    CliProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void progress(long done, long total, String message) {
        if (quiet || message == null || message.equals(lastMessage)) {
            return;
        }
        lastMessage = message;
        if (total > 0) {
            err.printf("[%3d%%] %s%n", Math.min(100, done * 100 / total), message);
        } else {
            err.printf("[ .. ] %s%n", message);
        }
        err.flush();
    }
}

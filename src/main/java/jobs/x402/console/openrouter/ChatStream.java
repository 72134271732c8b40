package jobs.x402.console.openrouter;

import jobs.x402.console.core.OperatorException;
import okhttp3.Call;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A running streamed completion: wait for its {@link StreamResult}, or {@link #cancel()} it from any thread. */
public final class ChatStream {
    private final CompletableFuture<StreamResult> future = new CompletableFuture<>();
    private final Object lock = new Object();
    private volatile boolean cancelled;
    private Call activeCall;
    private Thread sleepingThread;

    ChatStream() {
    }

    /** Closes the connection (which stops the generation at OpenRouter); {@link #await()} then gives CANCELLED. */
    public void cancel() {
        Call call;
        synchronized (lock) {
            cancelled = true;
            call = activeCall;
            if (sleepingThread != null) {
                sleepingThread.interrupt();
            }
        }
        if (call != null) {
            call.cancel();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public boolean isDone() {
        return future.isDone();
    }

    /** Completes with the result or an {@link OperatorException} (usually {@link OpenRouterException}). */
    public CompletableFuture<StreamResult> future() {
        return future;
    }

    /** Blocks until the stream ends; throws the typed failure if it failed. */
    public StreamResult await() {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new jobs.x402.console.core.OperationCancelledException();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** As {@link #await()}, cancelling the stream if it has not ended within {@code limit}. */
    public StreamResult await(Duration limit) {
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancel();
            return await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new jobs.x402.console.core.OperationCancelledException();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return OperatorException.failure("The stream failed: " + cause, "", cause);
    }

    /** Registers the call about to run; false when cancel() came first (the call is then cancelled too). */
    boolean attach(Call call) {
        synchronized (lock) {
            activeCall = call;
            if (cancelled) {
                call.cancel();
                return false;
            }
            return true;
        }
    }

    /** Marks the current thread as sleeping before a retry so cancel() can wake it; false if already cancelled. */
    boolean beginSleep() {
        synchronized (lock) {
            if (cancelled) {
                return false;
            }
            sleepingThread = Thread.currentThread();
            return true;
        }
    }

    void endSleep() {
        synchronized (lock) {
            sleepingThread = null;
            // clear an interrupt that cancel() may have sent after the sleep ended
            Thread.interrupted();
        }
    }

    void complete(StreamResult result) {
        future.complete(result);
    }

    void fail(Throwable failure) {
        future.completeExceptionally(failure);
    }
}

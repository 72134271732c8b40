package jobs.x402.console.openrouter;

import java.time.Duration;

/**
 * Receives a streaming completion as it arrives, on the stream's own thread: the UI hops to the FX thread, the CLI
 * prints. Only {@link #onDelta} is required.
 */
@FunctionalInterface
public interface ChatStreamListener {

    /** A piece of generated text, in order. */
    void onDelta(String text);

    /** A piece of the model's reasoning (reasoning models stream it before the answer), in order. */
    default void onReasoning(String text) {
    }

    /** An image the model produced (a data URL for image models). */
    default void onImage(String url) {
    }

    /** A keep-alive comment such as "OPENROUTER PROCESSING": the request is alive, nothing generated yet. */
    default void onComment(String text) {
    }

    /** The previous attempt failed before any token and another starts after {@code delay}. */
    default void onRetry(int nextAttempt, Duration delay, OpenRouterException cause) {
    }
}

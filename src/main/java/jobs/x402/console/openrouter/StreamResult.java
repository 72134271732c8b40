package jobs.x402.console.openrouter;

import java.time.Duration;
import java.util.List;

/**
 * How a streamed completion ended and what it produced. Failures (HTTP errors, error chunks) are not results: they
 * surface as {@link OpenRouterException}.
 *
 * @param reasoning        the model's reasoning as it streamed ({@code delta.reasoning}), shown apart from the text
 * @param timeToFirstToken from the call to the first delta of any kind (reasoning, text or image), null when none came
 * @param totalTime        from the call to the end of the stream
 * @param truncatedTail    what an unfinished last frame held when the stream ended mid-frame, else null
 */
public record StreamResult(Outcome outcome, String generationId, String model, String provider, String text,
                           String reasoning, List<String> images, String finishReason, String nativeFinishReason, Usage usage,
                           Duration timeToFirstToken, Duration totalTime, int chunks, int attempts,
                           String truncatedTail) {

    public StreamResult {
        images = List.copyOf(images);
    }

    public enum Outcome {
        /** {@code data: [DONE]} arrived. */
        COMPLETED,
        /** The connection closed without {@code [DONE]}: the text may be incomplete. */
        ENDED_WITHOUT_DONE,
        /** {@link ChatStream#cancel()} closed the connection. */
        CANCELLED
    }

    /** Sizes, not content: the generated text can be large. */
    @Override
    public String toString() {
        return "StreamResult[" + outcome + ", id=" + generationId + ", model=" + model + ", chars=" + text.length() + ", reasoningChars=" + reasoning.length()
                + ", images=" + images.size() + ", finish=" + finishReason + ", usage=" + usage + ", ttft="
                + timeToFirstToken + ", total=" + totalTime + ", chunks=" + chunks + ", attempts=" + attempts + "]";
    }
}

package jobs.x402.console.resources;

import jobs.x402.console.openrouter.OpenRouterException;
import jobs.x402.console.openrouter.StreamResult;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One test-run as the local history keeps it (JSON lines): what was sent, how it ended, what it cost. Never the key:
 * the request body holds none, and images are kept as their type and size, not their data.
 *
 * @param reading       which config reading built the request (LIVE_BACKEND unless the operator chose otherwise)
 * @param outcome       how the run ended
 * @param reasoning     what a reasoning model streamed before its answer, or null (older records, other models)
 * @param errorKind     OpenRouter's typed failure, or null (no failure, or one that was not OpenRouter's)
 */
public record RunRecord(String id, Instant at, String target, String resource, String server, String model,
                        ConfigReading reading, Map<String, Object> parameters, String userMessage,
                        String requestBody, Outcome outcome, String text, String reasoning, List<String> images,
                        String finishReason,
                        Integer promptTokens, Integer completionTokens, BigDecimal cost, Long timeToFirstTokenMillis,
                        Long totalMillis, String generationId, OpenRouterException.Kind errorKind, Integer httpStatus,
                        String errorProblem, String errorRemedy) {

    public RunRecord {
        images = images == null ? List.of() : List.copyOf(images);
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(parameters));
    }

    /** How a test-run ended: the stream's own outcomes, and FAILED when it failed before or while streaming. */
    public enum Outcome {
        COMPLETED, ENDED_WITHOUT_DONE, CANCELLED, FAILED;

        public static Outcome of(StreamResult.Outcome streamed) {
            return valueOf(streamed.name());
        }
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    public boolean completed() {
        return outcome == Outcome.COMPLETED;
    }

    /** "3f2a9c1e · haiku · COMPLETED · 412 ms" for pickers. */
    public String label() {
        return id.substring(0, Math.min(8, id.length())) + " · " + resource + " · " + outcome
                + (totalMillis == null ? "" : " · " + totalMillis + " ms");
    }
}

package jobs.x402.console.resources;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One test-run as the local history keeps it (JSON lines): what was sent, how it ended, what it cost. Never the key:
 * the request body holds none, and images are kept as their type and size, not their data.
 *
 * @param reading       which config reading built the request (LIVE_BACKEND unless the operator chose otherwise)
 * @param outcome       COMPLETED, ENDED_WITHOUT_DONE, CANCELLED or FAILED
 * @param reasoning     what a reasoning model streamed before its answer, or null (older records, other models)
 * @param errorKind     the {@link jobs.x402.console.openrouter.OpenRouterException.Kind} name, or "REFUSED" before
 *                      sending, or null
 */
public record RunRecord(String id, Instant at, String target, String resource, String server, String model,
                        ConfigReading reading, Map<String, Object> parameters, String userMessage,
                        String requestBody, String outcome, String text, String reasoning, List<String> images,
                        String finishReason,
                        Integer promptTokens, Integer completionTokens, BigDecimal cost, Long timeToFirstTokenMillis,
                        Long totalMillis, String generationId, String errorKind, Integer httpStatus,
                        String errorProblem, String errorRemedy) {

    public RunRecord {
        images = images == null ? List.of() : List.copyOf(images);
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(parameters));
    }

    public boolean failed() {
        return "FAILED".equals(outcome);
    }

    /** "3f2a9c1e · haiku · COMPLETED · 412 ms" for pickers. */
    public String label() {
        return id.substring(0, Math.min(8, id.length())) + " · " + resource + " · " + outcome
                + (totalMillis == null ? "" : " · " + totalMillis + " ms");
    }
}

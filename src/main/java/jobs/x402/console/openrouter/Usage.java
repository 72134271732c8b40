package jobs.x402.console.openrouter;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * Token counts and cost of one generation, from the response body or the last SSE chunk. Nullable fields were
 * absent from the response; {@code cost} is in OpenRouter credits (USD).
 */
public record Usage(int promptTokens, int completionTokens, int totalTokens, BigDecimal cost, Boolean byok,
                    Integer cachedTokens, Integer reasoningTokens) {

    static Usage from(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        JsonNode cost = usage.get("cost");
        return new Usage(usage.path("prompt_tokens").asInt(0), usage.path("completion_tokens").asInt(0),
                usage.path("total_tokens").asInt(0),
                cost != null && cost.isNumber() ? cost.decimalValue() : null,
                usage.hasNonNull("is_byok") ? usage.get("is_byok").asBoolean() : null,
                intOrNull(usage.path("prompt_tokens_details").get("cached_tokens")),
                intOrNull(usage.path("completion_tokens_details").get("reasoning_tokens")));
    }

    private static Integer intOrNull(JsonNode node) {
        return node != null && node.isNumber() ? node.asInt() : null;
    }
}

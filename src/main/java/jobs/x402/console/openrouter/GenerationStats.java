package jobs.x402.console.openrouter;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/** GET /generation?id=: what OpenRouter recorded for one generation (latency in ms, cost in USD). */
record GenerationStats(String id,
                              String model,
                              @JsonProperty("provider_name") String providerName,
                              @JsonProperty("created_at") String createdAt,
                              Long latency,
                              @JsonProperty("generation_time") Long generationTime,
                              @JsonProperty("tokens_prompt") Integer tokensPrompt,
                              @JsonProperty("tokens_completion") Integer tokensCompletion,
                              @JsonProperty("total_cost") BigDecimal totalCost,
                              @JsonProperty("finish_reason") String finishReason,
                              @JsonProperty("native_finish_reason") String nativeFinishReason,
                              Boolean cancelled,
                              Boolean streamed) {
}

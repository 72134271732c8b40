package jobs.x402.console.resources;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One ai_models row as the backend's cron writes it from an entry of OpenRouter's /models (docs/backend-behaviour.md §5).
 *
 * @param capabilities {@code {vision, web_search, tool_calling}}, in that order
 */
public record CatalogEntry(String openrouterId, String displayName, String description, String provider,
                           String modality, Integer contextLength, Integer maxTokens, String pricingPrompt,
                           String pricingCompletion, BigDecimal inputCostPerMillion, BigDecimal outputCostPerMillion,
                           Map<String, Boolean> capabilities) {
}

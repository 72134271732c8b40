package jobs.x402.console.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jobs.x402.console.core.Json;

/**
 * The settings of an openrouter_instant resource as one reader sees them. Null means "not set": the backend then uses
 * its default (temperature 1, max_tokens 4096, top_p 1) or, for the penalties, leaves the field out.
 *
 * @param modelId the nested shape's {@code modelId} (the console writes the catalog's openrouter_id); the live
 *                backend ignores it and uses {@code openrouter_model_id}
 */
public record InstantConfig(String systemPrompt, Double temperature, Integer maxTokens, Double topP,
                            Double frequencyPenalty, Double presencePenalty, String modelId) {
    public static final double DEFAULT_TEMPERATURE = 1.0;
    public static final int DEFAULT_MAX_TOKENS = 4096;
    public static final double DEFAULT_TOP_P = 1.0;

    /**
     * The config as the console writes it: the nested shape the spec documents and the flat keys the live executor
     * reads, holding equal values, so either reader runs the resource the same way. Temperature and max tokens are
     * always written (as the backend's create does); top-p and the penalties only when set.
     */
    public String toJson() {
        double temperatureValue = temperature == null ? DEFAULT_TEMPERATURE : temperature;
        int maxTokensValue = maxTokens == null ? DEFAULT_MAX_TOKENS : maxTokens;
        ObjectNode root = Json.mapper().createObjectNode();
        if (modelId != null) {
            root.put("modelId", modelId);
        }
        root.put("systemPrompt", systemPrompt == null ? "" : systemPrompt);
        ObjectNode params = root.putObject("params");
        for (ObjectNode target : new ObjectNode[] {params, root}) {
            target.put("temperature", temperatureValue);
            target.put("maxTokens", maxTokensValue);
            if (topP != null) {
                target.put("topP", topP);
            }
            if (frequencyPenalty != null) {
                target.put("frequencyPenalty", frequencyPenalty);
            }
            if (presencePenalty != null) {
                target.put("presencePenalty", presencePenalty);
            }
        }
        return root.toString();
    }

    public double effectiveTemperature() {
        return temperature == null ? DEFAULT_TEMPERATURE : temperature;
    }

    public int effectiveMaxTokens() {
        return maxTokens == null ? DEFAULT_MAX_TOKENS : maxTokens;
    }

    public double effectiveTopP() {
        return topP == null ? DEFAULT_TOP_P : topP;
    }

    /** Sizes only: a prompt may hold a creator's work. */
    @Override
    public String toString() {
        return "InstantConfig[prompt=" + (systemPrompt == null ? "none" : systemPrompt.length() + " chars")
                + ", temperature=" + temperature + ", maxTokens=" + maxTokens + ", topP=" + topP + "]";
    }
}

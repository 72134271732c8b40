package jobs.x402.console.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;

import java.util.List;

/**
 * An {@code openrouter_config} value as stored, in whichever shape it was written (flat, nested, both, neither), and
 * its two readings ({@link ConfigReading}). Values of the wrong JSON type are kept so the validator can name them and
 * the request builder can refuse them.
 */
public final class StoredInstantConfig {
    /** The keys the live executor reads at the top level. */
    public static final List<String> SETTING_KEYS = List.of("temperature", "maxTokens", "topP", "frequencyPenalty",
            "presencePenalty");

    private final ObjectNode root;
    private final String where;

    private StoredInstantConfig(ObjectNode root, String where) {
        this.root = root;
        this.where = where;
    }

    /**
     * Reads the stored JSON text; null reads as an empty config (which the backend refuses to run).
     *
     * @param where names the resource in messages, e.g. "resource haiku"
     */
    public static StoredInstantConfig parse(String json, String where) {
        if (json == null || json.isBlank()) {
            return new StoredInstantConfig(Json.mapper().createObjectNode(), where);
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw OperatorException.usage("openrouter_config of " + where + " is not valid JSON (line "
                            + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")",
                    "rewrite it in the resource editor; the live backend cannot run it either")
                    .withAction(jobs.x402.console.core.RemedyAction.EDIT_RESOURCE);
        }
        if (!(node instanceof ObjectNode object)) {
            throw OperatorException.usage("openrouter_config of " + where + " is a JSON " + node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT) + ", not an object",
                    "store an object like {\"systemPrompt\": \"…\", \"temperature\": 0.7}");
        }
        return new StoredInstantConfig(object, where);
    }

    public static StoredInstantConfig of(InstantConfig config, String where) {
        return parse(config.toJson(), where);
    }

    public String where() {
        return where;
    }

    ObjectNode root() {
        return root;
    }

    /** The flat (top-level) value of a setting, or null when absent or JSON null. */
    JsonNode flat(String key) {
        return present(root.get(key));
    }

    /** The nested {@code params.key} value, or null when absent or JSON null. */
    JsonNode nested(String key) {
        JsonNode params = root.get("params");
        return params != null && params.isObject() ? present(params.get(key)) : null;
    }

    boolean hasParamsObject() {
        return root.path("params").isObject();
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    /** The top-level {@code systemPrompt} (both shapes keep it there), or null when it is absent or not text. */
    public String systemPrompt() {
        JsonNode prompt = root.get("systemPrompt");
        return prompt != null && prompt.isTextual() ? prompt.asText() : null;
    }

    public String modelId() {
        JsonNode id = root.get("modelId");
        return id != null && id.isTextual() ? id.asText() : null;
    }

    /**
     * The settings one reader sees.
     *
     * @throws OperatorException (usage) when a value that reader uses is not a number
     */
    public InstantConfig reading(ConfigReading reading) {
        return new InstantConfig(systemPrompt(), number(reading, "temperature"), integer(reading, "maxTokens"),
                number(reading, "topP"), number(reading, "frequencyPenalty"), number(reading, "presencePenalty"),
                modelId());
    }

    /** The node the reader takes a setting from, or null when it has none. */
    JsonNode source(ConfigReading reading, String key) {
        if (reading == ConfigReading.LIVE_BACKEND) {
            return flat(key);
        }
        JsonNode nested = nested(key);
        return nested != null ? nested : flat(key);
    }

    /** Where the reader takes a setting from, for messages: "params.temperature" or "temperature". */
    String sourceName(ConfigReading reading, String key) {
        return reading == ConfigReading.AS_CONFIGURED && nested(key) != null ? "params." + key : key;
    }

    private Double number(ConfigReading reading, String key) {
        JsonNode node = source(reading, key);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw notANumber(reading, key, node);
        }
        return node.asDouble();
    }

    private Integer integer(ConfigReading reading, String key) {
        JsonNode node = source(reading, key);
        if (node == null) {
            return null;
        }
        if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt()) {
            throw notANumber(reading, key, node);
        }
        return node.asInt();
    }

    private OperatorException notANumber(ConfigReading reading, String key, JsonNode node) {
        return OperatorException.usage("openrouter_config." + sourceName(reading, key) + " of " + where + " is "
                        + describe(node) + ", not " + ("maxTokens".equals(key) ? "a whole number" : "a number"),
                "store a number (OpenRouter rejects other types); the resource's findings list every problem")
                .withAction(jobs.x402.console.core.RemedyAction.SHOW_RESOURCE);
    }

    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the text \"" + abbreviate(node.asText()) + "\"";
        }
        return node.isNumber() ? "the number " + node.asText()
                : "a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String abbreviate(String text) {
        return text.length() <= 24 ? text : text.substring(0, 24) + "…";
    }

    /** The stored JSON, compact. */
    public String toJson() {
        return root.toString();
    }
}

package jobs.x402.console.resources;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads an existing openrouter_instant resource in either config shape and says where the live executor (flat keys)
 * and the spec's nested {@code params} disagree, which values it ignores or would send out of range, and whether the
 * {@code pt_*} copies and the prompt's parameter tags agree with the config.
 */
final class InstantConfigValidator {
    /** Known top-level keys; any other is ignored by the live backend. */
    private static final Set<String> KNOWN_KEYS = Set.of("modelId", "systemPrompt", "params", "temperature",
            "maxTokens", "topP", "frequencyPenalty", "presencePenalty");

    /** The range the editor accepts and OpenRouter documents, per setting. */
    private record Range(double min, double max) {
    }

    private static final Map<String, Range> RANGES = Map.of(
            "temperature", new Range(0, 2),
            "maxTokens", new Range(1, 8192),
            "topP", new Range(0, 1),
            "frequencyPenalty", new Range(-2, 2),
            "presencePenalty", new Range(-2, 2));

    private InstantConfigValidator() {
    }

    /** The {@code pt_*} columns the backend fills as copies of the config at creation. */
    public record Copies(String systemPrompt, Integer maxTokens) {
    }

    public static List<ConfigFinding> check(StoredInstantConfig config, List<PromptParameter> parameters,
                                            Copies copies, CatalogModel model) {
        List<ConfigFinding> findings = new ArrayList<>();
        checkPrompt(config, parameters, findings);
        for (String key : StoredInstantConfig.SETTING_KEYS) {
            checkSetting(config, key, findings);
        }
        Iterator<String> keys = config.root().fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!KNOWN_KEYS.contains(key)) {
                findings.add(new ConfigFinding(ConfigFinding.Severity.INFO, key,
                        "unknown key; the live backend ignores it"));
            }
        }
        if (config.root().has("params") && !config.hasParamsObject()) {
            findings.add(new ConfigFinding(ConfigFinding.Severity.WARNING, "params",
                    "is not an object; neither reader takes settings from it"));
        } else if (config.hasParamsObject()) {
            config.root().get("params").fieldNames().forEachRemaining(key -> {
                if (!StoredInstantConfig.SETTING_KEYS.contains(key)) {
                    findings.add(new ConfigFinding(ConfigFinding.Severity.INFO, "params." + key,
                            "unknown setting; no reader uses it"));
                }
            });
        }
        checkModel(config, model, findings);
        if (copies != null) {
            checkCopies(config, copies, findings);
        }
        return List.copyOf(findings);
    }

    public static boolean hasErrors(List<ConfigFinding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == ConfigFinding.Severity.ERROR);
    }

    private static void checkPrompt(StoredInstantConfig config, List<PromptParameter> parameters,
                                    List<ConfigFinding> findings) {
        JsonNode prompt = config.root().get("systemPrompt");
        if (prompt == null || prompt.isNull()) {
            findings.add(error("systemPrompt", "missing; the live backend refuses to run the resource"));
            return;
        }
        if (!prompt.isTextual()) {
            findings.add(error("systemPrompt", "is " + StoredInstantConfig.describe(prompt)
                    + ", not text; the live backend refuses to run the resource"));
            return;
        }
        String text = prompt.asText();
        if (text.isEmpty()) {
            findings.add(error("systemPrompt", "empty; the live backend refuses to run the resource"));
            return;
        }
        try {
            InstantRequestBuilder.requireSize(text, "system prompt");
        } catch (jobs.x402.console.core.OperatorException e) {
            findings.add(error("systemPrompt", e.problem()));
        }
        Set<String> declared = new LinkedHashSet<>();
        parameters.forEach(p -> declared.add(p.name()));
        List<String> used = InstantRequestBuilder.tagsIn(text);
        for (String name : used) {
            if (!declared.contains(name)) {
                findings.add(new ConfigFinding(ConfigFinding.Severity.WARNING, "systemPrompt",
                        "{" + name + "}{/" + name + "} is not a declared parameter; it reaches the model as written"));
            }
        }
        for (PromptParameter p : parameters) {
            if (!used.contains(p.name())) {
                findings.add(new ConfigFinding(ConfigFinding.Severity.INFO, "pt_parameters",
                        "parameter " + p.name() + " is declared but the prompt never uses " + p.tag()));
            }
            if (p.required() && p.hasDefault()) {
                findings.add(new ConfigFinding(ConfigFinding.Severity.INFO, "pt_parameters",
                        "parameter " + p.name() + " is required but has a default, so it is never missing"));
            }
        }
    }

    private static void checkSetting(StoredInstantConfig config, String key, List<ConfigFinding> findings) {
        JsonNode flat = config.flat(key);
        JsonNode nested = config.nested(key);
        checkValue(key, flat, findings);
        checkValue("params." + key, nested, findings);
        if (nested == null) {
            return;
        }
        if (flat == null) {
            String fallback = switch (key) {
                case "temperature" -> "temperature 1.0";
                case "maxTokens" -> "max_tokens 4096";
                case "topP" -> "top_p 1.0";
                default -> "no " + key;
            };
            findings.add(new ConfigFinding(ConfigFinding.Severity.WARNING, "params." + key,
                    "live backend will run this with " + fallback + ", not " + nested.asText()
                            + ": it reads only the flat key " + key));
        } else if (!sameValue(flat, nested)) {
            findings.add(new ConfigFinding(ConfigFinding.Severity.WARNING, key,
                    "flat " + key + " is " + flat.asText() + " but params." + key + " is " + nested.asText()
                            + "; the live backend uses " + flat.asText()));
        }
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static void checkValue(String field, JsonNode value, List<ConfigFinding> findings) {
        if (value == null) {
            return;
        }
        String key = field.startsWith("params.") ? field.substring(7) : field;
        if (!value.isNumber()) {
            findings.add(error(field, "is " + StoredInstantConfig.describe(value)
                    + ", not a number; OpenRouter rejects the request"));
            return;
        }
        if ("maxTokens".equals(key) && !value.canConvertToExactIntegral()) {
            findings.add(error(field, "is " + value.asText() + ", not a whole number"));
            return;
        }
        Range range = RANGES.get(key);
        double d = value.asDouble();
        if (d < range.min() || d > range.max()) {
            findings.add(error(field, "is " + value.asText() + ", outside " + format(range.min()) + ".."
                    + format(range.max())));
        }
    }

    private static void checkModel(StoredInstantConfig config, CatalogModel model, List<ConfigFinding> findings) {
        if (model == null) {
            findings.add(error("openrouter_model_id", "no catalog model; the live backend refuses to run it"));
            return;
        }
        if (!model.active()) {
            findings.add(new ConfigFinding(ConfigFinding.Severity.WARNING, "openrouter_model_id",
                    model.openrouterId() + " is inactive in the catalog (gone from OpenRouter's feed); the backend "
                            + "still sends it and OpenRouter may answer 404"));
        }
        String modelId = config.modelId();
        if (modelId != null && !modelId.equals(model.openrouterId())
                && !modelId.equals(String.valueOf(model.id()))) {
            findings.add(new ConfigFinding(ConfigFinding.Severity.WARNING, "modelId",
                    "names " + modelId + " but openrouter_model_id points at " + model.openrouterId()
                            + "; the live backend uses " + model.openrouterId()));
        }
    }

    private static void checkCopies(StoredInstantConfig config, Copies copies, List<ConfigFinding> findings) {
        String prompt = config.systemPrompt();
        if (prompt != null && !Objects.equals(prompt, copies.systemPrompt())) {
            findings.add(new ConfigFinding(ConfigFinding.Severity.INFO, "pt_system_prompt",
                    copies.systemPrompt() == null ? "empty; the backend fills it as a copy of systemPrompt"
                            : "differs from openrouter_config.systemPrompt; the live executor uses the config"));
        }
        JsonNode flat = config.flat("maxTokens");
        Integer configured = flat != null && flat.canConvertToInt() ? flat.asInt() : null;
        int live = configured == null ? InstantConfig.DEFAULT_MAX_TOKENS : configured;
        if (copies.maxTokens() != null && copies.maxTokens() != live) {
            findings.add(new ConfigFinding(ConfigFinding.Severity.INFO, "pt_max_tokens",
                    "is " + copies.maxTokens() + " but the live executor sends max_tokens " + live));
        }
    }

    private static ConfigFinding error(String field, String message) {
        return new ConfigFinding(ConfigFinding.Severity.ERROR, field, message);
    }

    private static String format(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}

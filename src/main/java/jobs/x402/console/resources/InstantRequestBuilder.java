package jobs.x402.console.resources;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.openrouter.ChatMessage;
import jobs.x402.console.openrouter.ChatRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the chat request of an openrouter_instant resource by the backend's rules (docs/backend-behaviour.md §4), in its
 * order, so the first refusal is the one the backend would give:
 * <ol>
 *   <li>parameters: a required one with no value and no default is missing; a value that is not a string fails;
 *       a user message is refused unless {@code pt_allows_user_message};</li>
 *   <li>config: {@code systemPrompt} must be non-empty; settings read per {@link ConfigReading};</li>
 *   <li>substitution of every literal {@code {name}{/name}} by the value or default; tags with no value stay;</li>
 *   <li>model: {@code openrouter_model_id} must name a catalog row ({@code is_active} is not checked);</li>
 *   <li>body: system message, user message (or the default one), temperature 1 / max_tokens 4096 / top_p 1 by
 *       default, penalties only when set, {@code modalities} for image models.</li>
 * </ol>
 * Pure logic: no database, no HTTP. Where the backend's source leaves a choice open, JavaScript's semantics are
 * assumed: an absent or null value takes the default ({@code ??}), an empty required value is missing.
 */
public final class InstantRequestBuilder {
    public static final String DEFAULT_USER_MESSAGE = "Please respond based on the system instructions.";
    /** Far beyond any real prompt, far below what would choke the window; a 10 MB prompt is a mistake. */
    public static final int MAX_PROMPT_BYTES = 1024 * 1024;
    private static final Pattern TAG = Pattern.compile("\\{([^{}/\\s]{1,64})\\}\\{/\\1\\}");

    private InstantRequestBuilder() {
    }

    /** A built request and what the operator should know about it (ignored inputs, tags left, inactive model). */
    public record BuiltRequest(ChatRequest request, String substitutedPrompt, List<String> notes) {
        public BuiltRequest {
            notes = List.copyOf(notes);
        }
    }

    /** The live backend's request: flat config keys only. */
    public static BuiltRequest build(InstantDefinition resource, RunInputs inputs) {
        return build(resource, inputs, ConfigReading.LIVE_BACKEND);
    }

    /**
     * @throws OperatorException (usage) with the backend's own words where it has them ("Missing required
     *                           parameter: topic") when the backend would refuse the call
     */
    public static BuiltRequest build(InstantDefinition resource, RunInputs inputs, ConfigReading reading) {
        List<String> notes = new ArrayList<>();
        Map<String, String> values = resolveParameters(resource, inputs, notes);
        if (inputs.hasUserMessage() && !resource.allowsUserMessage()) {
            throw OperatorException.usage("User message not allowed: " + resource.where()
                            + " has pt_allows_user_message = false",
                    "drop the user message, or allow it on the resource (the backend refuses it too)");
        }
        StoredInstantConfig config = resource.config();
        String prompt = config.systemPrompt();
        if (prompt == null || prompt.isEmpty()) {
            throw OperatorException.usage("openrouter_config.systemPrompt of " + resource.where() + " is "
                            + (config.root().has("systemPrompt") ? "empty or not text" : "missing"),
                    "set a system prompt; the backend refuses to run a resource without one");
        }
        requireSize(prompt, "system prompt of " + resource.where());
        InstantConfig settings = config.reading(reading);
        String substituted = substitute(prompt, values);
        List<String> left = tagsIn(substituted);
        if (!left.isEmpty()) {
            notes.add("left as written (no value, no default): " + String.join(", ", left));
        }
        CatalogModel model = resource.model();
        if (model == null) {
            throw OperatorException.usage(resource.modelId() == null
                            ? resource.where() + " has no model (openrouter_model_id is not set)"
                            : resource.where() + " points at model " + resource.modelId()
                            + ", which is not in the model catalog (deleted?)",
                    "pick a model from the catalog (a sync from OpenRouter fills it) for the resource")
                    .withAction(jobs.x402.console.core.RemedyAction.SET_RESOURCE_MODEL, "resource", resource.where());
        }
        if (!model.active()) {
            notes.add("model " + model.openrouterId() + " is inactive in the catalog; the backend runs it anyway");
        }
        ChatRequest.Builder request = ChatRequest.builder().model(model.openrouterId());
        if (!substituted.isEmpty()) {
            request.message(ChatMessage.system(substituted));
        }
        request.message(ChatMessage.user(inputs.hasUserMessage() ? inputs.userMessage() : DEFAULT_USER_MESSAGE))
                .temperature(settings.effectiveTemperature())
                .maxTokens(settings.effectiveMaxTokens())
                .topP(settings.effectiveTopP())
                .frequencyPenalty(settings.frequencyPenalty())
                .presencePenalty(settings.presencePenalty())
                .stream(false);
        if (model.isImageModel()) {
            request.modalities(ChatRequest.IMAGE_MODALITIES);
        }
        return new BuiltRequest(request.build(), substituted, notes);
    }

    private static Map<String, String> resolveParameters(InstantDefinition resource, RunInputs inputs,
                                                         List<String> notes) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        Set<String> declared = new LinkedHashSet<>();
        for (PromptParameter parameter : resource.parameters()) {
            declared.add(parameter.name());
            Object given = inputs.parameters().get(parameter.name());
            if (given != null && !(given instanceof String)) {
                throw OperatorException.usage("Parameter " + parameter.name() + " must be a string, got "
                                + kindOf(given),
                        "send the value as text (the backend refuses other JSON types)");
            }
            String value = given != null ? (String) given : parameter.defaultValue();
            if (parameter.required() && (value == null || value.isEmpty())) {
                throw OperatorException.usage("Missing required parameter: " + parameter.name(),
                        "give a value for " + parameter.name()
                                + (parameter.description() == null ? "" : " (" + parameter.description() + ")"))
                        .withAction(jobs.x402.console.core.RemedyAction.GIVE_PARAMETER, "parameter", parameter.name());
            }
            if (value != null) {
                requireSize(value, "parameter " + parameter.name());
                values.put(parameter.name(), value);
            }
        }
        for (String name : inputs.parameters().keySet()) {
            if (!declared.contains(name)) {
                notes.add("parameter " + name + " is not declared in pt_parameters; the backend ignores it");
            }
        }
        return values;
    }

    /** Every literal {@code {name}{/name}} pair replaced, for each name that has a value. */
    public static String substitute(String prompt, Map<String, String> values) {
        String result = prompt;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            result = result.replace("{" + entry.getKey() + "}{/" + entry.getKey() + "}", entry.getValue());
        }
        return result;
    }

    /** The parameter names a prompt refers to with {@code {name}{/name}}, in order of first use. */
    public static List<String> tagsIn(String prompt) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = TAG.matcher(prompt == null ? "" : prompt);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }

    /** Where each {@code {name}{/name}} pair sits in the prompt, for the editor's highlighting. */
    public record TagSpan(int start, int end, String name) {
    }

    public static List<TagSpan> tagSpans(String prompt) {
        List<TagSpan> spans = new ArrayList<>();
        Matcher matcher = TAG.matcher(prompt == null ? "" : prompt);
        while (matcher.find()) {
            spans.add(new TagSpan(matcher.start(), matcher.end(), matcher.group(1)));
        }
        return spans;
    }

    static void requireSize(String text, String what) {
        // chars are at most 3 UTF-8 bytes each (surrogate pairs 4 for 2): skip encoding the common, small case
        if ((long) text.length() * 3 <= MAX_PROMPT_BYTES) {
            return;
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PROMPT_BYTES) {
            throw OperatorException.usage("The " + what + " is " + String.format("%,d", bytes)
                            + " bytes; the console accepts at most " + String.format("%,d", MAX_PROMPT_BYTES),
                    "shorten it: no model's context holds this much, and the call would fail or cost a lot");
        }
    }

    private static String kindOf(Object value) {
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value.getClass().getSimpleName();
    }

    // ---------------------------------------------------------------- live vs as configured

    /** One field where the two requests differ; values as JSON text, null when the field is absent. */
    public record FieldDifference(String field, String live, String configured) {
        public String sentence() {
            return "live backend will send " + field + " " + (live == null ? "(not sent)" : live) + ", not "
                    + (configured == null ? "(not sent)" : configured) + " as configured";
        }
    }

    /** The request the live backend would send, the one the config asks for, and where they differ. */
    public record RequestComparison(BuiltRequest live, BuiltRequest configured, List<FieldDifference> differences) {
        public RequestComparison {
            differences = List.copyOf(differences);
        }

        public boolean identical() {
            return differences.isEmpty();
        }
    }

    public static RequestComparison compare(InstantDefinition resource, RunInputs inputs) {
        BuiltRequest live = build(resource, inputs, ConfigReading.LIVE_BACKEND);
        BuiltRequest configured = build(resource, inputs, ConfigReading.AS_CONFIGURED);
        return new RequestComparison(live, configured, differences(live.request(), configured.request()));
    }

    static List<FieldDifference> differences(ChatRequest live, ChatRequest configured) {
        JsonNode a = tree(live);
        JsonNode b = tree(configured);
        Set<String> fields = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(fields::add);
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        List<FieldDifference> differences = new ArrayList<>();
        for (String field : fields) {
            JsonNode x = a.get(field);
            JsonNode y = b.get(field);
            if (x == null ? y != null : !x.equals(y)) {
                differences.add(new FieldDifference(field, x == null ? null : x.toString(),
                        y == null ? null : y.toString()));
            }
        }
        return differences;
    }

    private static JsonNode tree(ChatRequest request) {
        try {
            return Json.mapper().readTree(request.toJson());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a chat request's own JSON did not parse", e);
        }
    }
}

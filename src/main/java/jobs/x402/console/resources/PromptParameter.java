package jobs.x402.console.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of {@code pt_parameters}: {@code {name, description?, required?, default?}}. The prompt refers to it as
 * {@code {name}{/name}}.
 *
 * @param defaultValue null when the entry has no default
 */
public record PromptParameter(String name, String description, boolean required, String defaultValue) {
    /** Names the editor accepts: what fits between braces without surprising a reader of the prompt. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

    public PromptParameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
    }

    /** The literal tag pair the backend replaces. */
    public String tag() {
        return "{" + name + "}{/" + name + "}";
    }

    public boolean hasDefault() {
        return defaultValue != null;
    }

    /**
     * Reads a {@code pt_parameters} value (null or blank reads as none).
     *
     * @param where names the resource in the failure message
     */
    public static List<PromptParameter> parseList(String json, String where) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode array;
        try {
            array = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw OperatorException.usage("pt_parameters of " + where + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")",
                    "fix the column in the resource editor; the backend cannot run it either")
                    .withAction(jobs.x402.console.core.RemedyAction.EDIT_RESOURCE);
        }
        return fromJson(array, where);
    }

    static List<PromptParameter> fromJson(JsonNode array, String where) {
        if (array == null || array.isNull() || array.isMissingNode()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw OperatorException.usage("pt_parameters of " + where + " is not a JSON array",
                    "store a list like [{\"name\":\"topic\",\"required\":true}]");
        }
        List<PromptParameter> list = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : array) {
            String name = entry.path("name").isTextual() ? entry.get("name").asText() : null;
            if (name == null || name.isBlank()) {
                throw OperatorException.usage("pt_parameters of " + where + ": entry " + index + " has no name",
                        "give every parameter a \"name\"");
            }
            JsonNode def = entry.get("default");
            String defaultValue = def == null || def.isNull() ? null : def.isTextual() ? def.asText() : def.toString();
            list.add(new PromptParameter(name, entry.path("description").isTextual()
                    ? entry.get("description").asText() : null, entry.path("required").asBoolean(false),
                    defaultValue));
            index++;
        }
        return List.copyOf(list);
    }

    /**
     * Reads the one-line form the CLI and the editor use: {@code NAME[*][=DEFAULT][:DESCRIPTION]}, {@code *} marking
     * a required parameter, e.g. {@code topic*:What it is about} or {@code mood=calm}.
     */
    public static PromptParameter parseSpec(String spec) {
        String rest = spec.strip();
        String description = null;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            description = rest.substring(colon + 1).strip();
            rest = rest.substring(0, colon);
        }
        String defaultValue = null;
        int equals = rest.indexOf('=');
        if (equals >= 0) {
            defaultValue = rest.substring(equals + 1);
            rest = rest.substring(0, equals);
        }
        boolean required = rest.strip().endsWith("*");
        String name = (required ? rest.strip().substring(0, rest.strip().length() - 1) : rest).strip();
        if (name.isEmpty()) {
            throw OperatorException.usage("Parameter '" + spec + "' has no name",
                    "write NAME[*][=DEFAULT][:DESCRIPTION], e.g. topic*:What it is about");
        }
        return new PromptParameter(name, description == null || description.isEmpty() ? null : description,
                required, defaultValue);
    }

    /** The one-line form {@link #parseSpec} reads. */
    public String toSpec() {
        return name + (required ? "*" : "") + (defaultValue == null ? "" : "=" + defaultValue)
                + (description == null ? "" : ":" + description);
    }

    /** The {@code pt_parameters} JSON, in the order and field names the backend writes. */
    public static String toJson(List<PromptParameter> parameters) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (PromptParameter p : parameters) {
            ObjectNode node = array.addObject();
            node.put("name", p.name());
            if (p.description() != null && !p.description().isEmpty()) {
                node.put("description", p.description());
            }
            node.put("required", p.required());
            if (p.defaultValue() != null) {
                node.put("default", p.defaultValue());
            }
        }
        return array.toString();
    }
}

package jobs.x402.console.rls;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one splinter lint query found on the target, before the console words it.
 *
 * @param cacheKey splinter's cache_key, character for character
 * @param schema   the object's schema (null for an extension's version)
 * @param name     the table, view, function, extension or bucket it is about
 * @param facts    the lint's specifics (policy name and expressions, columns, index names …); never null
 */
public record SupabaseLintRow(LintRule rule, String cacheKey, String schema, String name, JsonNode facts) {

    public String text(String field) {
        JsonNode value = facts.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public java.util.List<String> texts(String field) {
        java.util.List<String> values = new java.util.ArrayList<>();
        JsonNode array = facts.get(field);
        if (array != null && array.isArray()) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    public boolean flag(String field) {
        JsonNode value = facts.get(field);
        return value != null && value.asBoolean();
    }

    /** "schema.name", or the name alone when the lint has no schema. */
    public String displayName() {
        return schema == null ? name : schema + "." + name;
    }
}

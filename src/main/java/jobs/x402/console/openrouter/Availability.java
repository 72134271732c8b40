package jobs.x402.console.openrouter;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * OpenRouter's {@code error.availability}: why a model cannot be served, with a stable code. It tells apart what the
 * HTTP status blurs: an unknown model id is 400 {@code model_not_found}, while 404 now means no endpoint, a deprecated
 * model, a privacy or routing constraint, or an ended free variant.
 *
 * @param retryable  whether the identical request may succeed later (the code alone does not decide it)
 * @param retryAfter seconds to wait, when OpenRouter knows (also sent as Retry-After)
 */
record Availability(String code, boolean retryable, Integer retryAfter, List<String> fallbackModels,
                           List<String> excludedBy, String constraintField, String constraintDetail, String docsUrl) {

    static Availability from(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("code").isTextual()) {
            return null;
        }
        JsonNode constraint = node.path("constraint");
        return new Availability(node.get("code").asText(), node.path("retryable").asBoolean(false),
                node.path("retry_after").isNumber() ? node.get("retry_after").asInt() : null,
                strings(node.get("fallback_models")), strings(node.get("excluded_by")),
                ChatCompletion.textOrNull(constraint.get("field")), ChatCompletion.textOrNull(constraint.get("detail")),
                ChatCompletion.textOrNull(node.get("docs_url")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> {
                if (n.isTextual()) {
                    list.add(n.asText());
                }
            });
        }
        return List.copyOf(list);
    }

    /** The condition in an operator's words. */
    public String describe() {
        return switch (code) {
            case "model_not_found" -> "OpenRouter does not know this model id";
            case "wrong_endpoint" -> "the model is not a chat model"
                    + (constraintDetail == null ? "" : " (" + constraintDetail + ")");
            case "no_endpoints" -> "the model has no provider that can serve it under the routing preferences";
            case "model_deprecated" -> "the model was deprecated or removed";
            case "model_unavailable_upstream" -> "every provider of the model has removed it";
            case "capacity_exhausted" -> "every provider of the model is at capacity";
            case "temporarily_unavailable" -> "the model's providers are failing for now";
            case "region_restricted" -> "the model is not available in this region";
            case "privacy_restricted" -> "the account's data policy"
                    + (excludedBy.isEmpty() ? "" : " (" + String.join(", ", excludedBy) + ")")
                    + " excludes every provider of the model";
            case "constraint_filtered" -> "a routing constraint"
                    + (constraintField == null ? "" : " (" + constraintField
                    + (constraintDetail == null ? "" : ": " + constraintDetail) + ")")
                    + " excludes every provider of the model";
            case "free_variant_ended" -> "the model's free variant has ended; only paid endpoints remain";
            default -> "the model cannot be served (" + code + ")";
        };
    }

    /** What to do, in an operator's words, with OpenRouter's suggested alternatives when it gave any. */
    public String remedy() {
        String alternatives = fallbackModels.isEmpty() ? "" : " OpenRouter suggests: "
                + String.join(", ", fallbackModels) + ".";
        String action = switch (code) {
            case "model_not_found" -> "sync the model catalog and pick a model that exists (check the id for typos)";
            case "wrong_endpoint" -> "pick a chat model for this resource";
            case "no_endpoints" -> "loosen the provider preferences or pick another model";
            case "model_deprecated", "model_unavailable_upstream" -> "move the resource to another model";
            case "capacity_exhausted" -> retryAfter != null ? "retry in " + retryAfter + " s, or pick another model"
                    : "retry shortly, or pick another model";
            case "temporarily_unavailable" -> "retry with a pause" + (retryAfter != null ? " of " + retryAfter + " s"
                    : "") + ", or pick another model";
            case "region_restricted" -> "pick another model, or adjust the provider routing";
            case "privacy_restricted" -> "relax the data policy at https://openrouter.ai/settings/privacy (for the"
                    + " account whose key runs the resource), or pick another model";
            case "constraint_filtered" -> "relax that constraint, or pick another model";
            case "free_variant_ended" -> "switch the resource to the paid variant (normal pricing applies) or another"
                    + " model";
            default -> retryable ? "retry later, or pick another model" : "pick another model";
        };
        return action + "." + alternatives;
    }
}

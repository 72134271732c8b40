package jobs.x402.console.resources;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * An openrouter_instant resource with everything the editor, `resources show` and a test-run need.
 *
 * @param storedConfig  the openrouter_config text as stored (may be invalid JSON)
 * @param config        its readable form, or null when the JSON is invalid ({@link #configProblem} says why)
 * @param model         the catalog row openrouter_model_id points at, or null
 * @param creatorId     the server's registered_by: whose key runs the resource
 */
public record ResourceDetails(UUID id, String slug, String name, String description, String resourceType,
                              UUID serverId, String serverSlug, String serverName, UUID creatorId, boolean active,
                              BigDecimal priceUsdc, String network, String payTo, String resourceUrl,
                              UUID modelId, ModelChoice model, String storedConfig, StoredInstantConfig config,
                              String configProblem, List<PromptParameter> parameters, String parametersProblem,
                              boolean allowsUserMessage, String systemPromptCopy, Integer maxTokensCopy,
                              List<ConfigFinding> findings) {
    public ResourceDetails {
        parameters = List.copyOf(parameters);
        findings = List.copyOf(findings);
    }

    /** "resource haiku (alice-labs)". */
    public String where() {
        return "resource " + slug + (serverSlug == null ? "" : " (" + serverSlug + ")");
    }

    /**
     * What the request builder reads.
     *
     * @throws jobs.x402.console.core.OperatorException when openrouter_config or pt_parameters is unreadable
     */
    public InstantDefinition definition() {
        StoredInstantConfig readable = config != null ? config : StoredInstantConfig.parse(storedConfig, where());
        if (parametersProblem != null) {
            throw jobs.x402.console.core.OperatorException.usage(parametersProblem,
                    "fix pt_parameters in the resource editor; the backend cannot run it either")
                    .withAction(jobs.x402.console.core.RemedyAction.EDIT_RESOURCE);
        }
        return new InstantDefinition(where(), readable, parameters, allowsUserMessage, modelId,
                model == null ? null : model.asCatalogModel());
    }
}

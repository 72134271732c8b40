package jobs.x402.console.resources;

import java.util.List;
import java.util.UUID;

/**
 * What the backend reads of an openrouter_instant resource to build its request.
 *
 * @param where        how messages name it, e.g. "resource haiku (alice-labs)"
 * @param modelId      {@code openrouter_model_id}, null when unset
 * @param model        the catalog row it points at, null when unset or when the row is gone
 */
record InstantDefinition(String where, StoredInstantConfig config, List<PromptParameter> parameters,
                                boolean allowsUserMessage, UUID modelId, CatalogModel model) {
    public InstantDefinition {
        parameters = List.copyOf(parameters);
    }
}

package jobs.x402.console.resources;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One line of the resources list.
 *
 * @param model          the catalog model's openrouter_id, or null (no model, or not an instant resource)
 * @param configSummary  e.g. "temperature 0.7 · max_tokens 512 · user message allowed"
 * @param parameters     names from pt_parameters
 * @param findings       what the validator says (instant resources only)
 */
public record ResourceSummary(UUID id, String slug, String name, String resourceType, String serverSlug,
                              String serverName, boolean active, BigDecimal priceUsdc, String model,
                              String configSummary, List<String> parameters, List<ConfigFinding> findings) {
    public ResourceSummary {
        parameters = List.copyOf(parameters);
        findings = List.copyOf(findings);
    }

    public boolean isInstant() {
        return InstantResource.TYPE.equals(resourceType);
    }

    public long count(ConfigFinding.Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}

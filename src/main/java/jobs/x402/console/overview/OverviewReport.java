package jobs.x402.console.overview;

import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.target.VariantDetection;
import jobs.x402.console.migration.MigrationStatusReport;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the Overview page and {@code db overview} show: who the target is, how much data it holds, and whether
 * migration 005 can go onto it.
 *
 * @param resourcesByType resource_type → count, in descending count order; empty when x402_resources is missing
 * @param counts          null values mean the table is missing on this target
 * @param migration005    migration 005's state from the migration status engine (the page and CLI use the same);
 *                        null when the schema variant is ambiguous
 * @param schemaVariant   which names 005 has on this target and why (seed or shipped, or ambiguous)
 */
public record OverviewReport(Instant readAt, TargetIdentity identity, Long users, Long models, Long activeModels,
                             Long servers, Long resources, Map<String, Long> resourcesByType,
                             List<Prerequisite> prerequisites, MigrationStatusReport migration005,
                             VariantDetection schemaVariant) {

    public boolean prerequisitesMet() {
        return prerequisites.stream().allMatch(Prerequisite::present);
    }

    public List<Prerequisite> missingPrerequisites() {
        return prerequisites.stream().filter(p -> !p.present()).toList();
    }
}

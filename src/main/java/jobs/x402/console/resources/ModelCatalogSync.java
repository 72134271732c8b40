package jobs.x402.console.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.openrouter.ModelInfo;
import jobs.x402.console.openrouter.OpenRouterClient;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "Sync models": fetch OpenRouter's /models, show what would change in ai_models, then upsert on openrouter_id as the
 * backend's cron does, setting rows the feed no longer lists inactive (never deleting them: resources point at them).
 */
public final class ModelCatalogSync {
    private final DatabaseSession session;

    public ModelCatalogSync(DatabaseSession session) {
        this.session = session;
    }

    /** The outcome of {@link #apply}: counts and when it ran. */
    public record Applied(int inserted, int updated, int deactivated, int synced, OffsetDateTime syncedAt) {
    }

    /** Fetches the feed and compares it with the table; writes nothing. */
    public CatalogDiff preview(OpenRouterClient client, ProgressListener progress) {
        return preview(client, false, progress);
    }

    /** @param allOutputModalities ask OpenRouter for image/audio/video-output models too (the cron does not) */
    public CatalogDiff preview(OpenRouterClient client, boolean allOutputModalities, ProgressListener progress) {
        progress.progress(0, 3, "Fetching " + client.baseUrl() + "/models"
                + (allOutputModalities ? "?output_modalities=all" : ""));
        List<ModelInfo> feed = client.models(allOutputModalities);
        progress.checkCancelled();
        return preview(feed, allOutputModalities, progress);
    }

    public CatalogDiff preview(List<ModelInfo> feed, ProgressListener progress) {
        return preview(feed, false, progress);
    }

    public CatalogDiff preview(List<ModelInfo> feed, boolean allOutputModalities, ProgressListener progress) {
        progress.progress(1, 3, "Mapping " + feed.size() + " models as the backend's cron does");
        CatalogRules.Mapped mapped = CatalogRules.map(feed);
        if (mapped.entries().isEmpty()) {
            throw OperatorException.failure("OpenRouter's /models listed no usable model (" + feed.size()
                            + " entries, " + mapped.skipped().size() + " skipped)",
                    "nothing was written: an empty feed would deactivate the whole catalog; check the base URL", null);
        }
        progress.progress(2, 3, "Comparing with " + session.schemaVariant().modelCatalog());
        Map<String, AiModel> rows = session.sessionFactory().fromStatelessTransaction(s ->
                s.createSelectionQuery("from AiModel", AiModel.class).getResultList()).stream()
                .collect(Collectors.toMap(AiModel::getOpenrouterId, m -> m, (a, b) -> a, LinkedHashMap::new));
        CatalogDiff diff = diff(mapped, rows, feed, allOutputModalities);
        progress.progress(3, 3, "Catalog diff: " + diff.summary());
        return diff;
    }

    static CatalogDiff diff(CatalogRules.Mapped mapped, Map<String, AiModel> rows, List<ModelInfo> feed,
                            boolean allOutputModalities) {
        List<CatalogEntry> added = new ArrayList<>();
        List<CatalogDiff.Changed> changed = new ArrayList<>();
        int unchanged = 0;
        Set<String> inFeed = new java.util.HashSet<>();
        for (CatalogEntry entry : mapped.entries()) {
            inFeed.add(entry.openrouterId());
            AiModel row = rows.get(entry.openrouterId());
            if (row == null) {
                added.add(entry);
                continue;
            }
            List<CatalogDiff.FieldChange> changes = changes(row, entry);
            if (changes.isEmpty()) {
                unchanged++;
            } else {
                changed.add(new CatalogDiff.Changed(entry.openrouterId(), changes));
            }
        }
        List<String> deactivated = rows.values().stream()
                .filter(row -> row.isActive() && !inFeed.contains(row.getOpenrouterId()))
                .map(AiModel::getOpenrouterId).sorted().toList();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String id : deactivated) {
            String modality = rows.get(id).getModality();
            if (!allOutputModalities && List.of("image", "audio", "video").contains(modality)) {
                reasons.put(id, "an " + modality + "-output model: OpenRouter lists those only with"
                        + " output_modalities=all, which the backend's cron does not ask for, so the cron will"
                        + " deactivate it too");
            }
        }
        List<CatalogDiff.LongContextPrice> longContext = new ArrayList<>();
        for (ModelInfo model : feed) {
            if (model.pricing() == null || !inFeed.contains(model.id())) {
                continue;
            }
            for (ModelInfo.PricingOverride tier : model.pricing().longContextTiers()) {
                longContext.add(new CatalogDiff.LongContextPrice(model.id(), tier.minPromptTokens().longValue(),
                        perMillion(tier.prompt()), perMillion(tier.completion())));
            }
        }
        return new CatalogDiff(mapped.entries(), added, changed, deactivated, unchanged, mapped.skipped(), reasons,
                longContext, allOutputModalities);
    }

    private static java.math.BigDecimal perMillion(java.math.BigDecimal perToken) {
        return perToken == null ? null : perToken.multiply(java.math.BigDecimal.valueOf(1_000_000));
    }

    static List<CatalogDiff.FieldChange> changes(AiModel row, CatalogEntry entry) {
        List<CatalogDiff.FieldChange> changes = new ArrayList<>();
        compare(changes, "display_name", row.getDisplayName(), entry.displayName());
        compare(changes, "description", row.getDescription(), entry.description());
        compare(changes, "provider", row.getProvider(), entry.provider());
        compare(changes, "modality", row.getModality(), entry.modality());
        compare(changes, "context_length", row.getContextLength(), entry.contextLength());
        compare(changes, "max_tokens", row.getMaxTokens(), entry.maxTokens());
        compareNumeric(changes, "pricing_prompt", row.getPricingPrompt(), entry.pricingPrompt());
        compareNumeric(changes, "pricing_completion", row.getPricingCompletion(), entry.pricingCompletion());
        compareDecimal(changes, "input_cost_per_million", row.getInputCostPerMillion(), entry.inputCostPerMillion());
        compareDecimal(changes, "output_cost_per_million", row.getOutputCostPerMillion(),
                entry.outputCostPerMillion());
        String capabilities = capabilitiesJson(entry);
        if (!sameJson(row.getCapabilities(), capabilities)) {
            changes.add(new CatalogDiff.FieldChange("capabilities", row.getCapabilities(), capabilities));
        }
        if (!row.isActive()) {
            changes.add(new CatalogDiff.FieldChange("is_active", "false", "true"));
        }
        return changes;
    }

    private static void compare(List<CatalogDiff.FieldChange> changes, String column, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(new CatalogDiff.FieldChange(column, Objects.toString(before, null),
                    Objects.toString(after, null)));
        }
    }

    /** Price text such as "0.0000006" and "6e-7" are the same price: compare the numbers when both are numbers. */
    private static void compareNumeric(List<CatalogDiff.FieldChange> changes, String column, String before,
                                       String after) {
        if (Objects.equals(before, after)) {
            return;
        }
        try {
            if (before != null && after != null && new BigDecimal(before).compareTo(new BigDecimal(after)) == 0) {
                return;
            }
        } catch (NumberFormatException ignored) {
            // not numbers: the texts differ, which is a change
        }
        changes.add(new CatalogDiff.FieldChange(column, before, after));
    }

    private static void compareDecimal(List<CatalogDiff.FieldChange> changes, String column, BigDecimal before,
                                       BigDecimal after) {
        boolean same = before == null ? after == null : after != null && before.compareTo(after) == 0;
        if (!same) {
            changes.add(new CatalogDiff.FieldChange(column, before == null ? null : before.toPlainString(),
                    after == null ? null : after.toPlainString()));
        }
    }

    private static boolean sameJson(String stored, String written) {
        if (stored == null) {
            return written == null;
        }
        try {
            JsonNode a = Json.mapper().readTree(stored);
            JsonNode b = Json.mapper().readTree(written);
            return a.equals(b);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    static String capabilitiesJson(CatalogEntry entry) {
        try {
            return Json.mapper().writeValueAsString(entry.capabilities());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("capabilities did not serialise", e);
        }
    }

    /**
     * Upserts every feed entry (last_synced_at = now, is_active = true) and deactivates active rows the feed no
     * longer lists, in one transaction; writes one audit entry.
     */
    public Applied apply(CatalogDiff diff, AuditLog audit, ProgressListener progress) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        progress.progress(0, 2, "Writing " + diff.feed().size() + " models to " + session.schemaVariant().modelCatalog());
        Applied applied = session.inTransaction(s -> {
            Map<String, AiModel> rows = new HashMap<>();
            for (AiModel row : s.createSelectionQuery("from AiModel", AiModel.class).getResultList()) {
                rows.put(row.getOpenrouterId(), row);
            }
            int inserted = 0;
            int updated = 0;
            for (CatalogEntry entry : diff.feed()) {
                AiModel row = rows.remove(entry.openrouterId());
                if (row == null) {
                    row = AiModel.newFromCatalog(entry.openrouterId(), entry.displayName(), entry.provider(),
                            entry.modality(), now);
                    write(row, entry, now);
                    s.persist(row);
                    inserted++;
                } else {
                    if (!changes(row, entry).isEmpty()) {
                        row.setUpdatedAt(now);
                        updated++;
                    }
                    write(row, entry, now);
                }
            }
            int deactivated = 0;
            for (AiModel row : rows.values()) {
                if (row.isActive()) {
                    row.setActive(false);
                    row.setUpdatedAt(now);
                    deactivated++;
                }
            }
            return new Applied(inserted, updated, deactivated, diff.feed().size(), now);
        });
        progress.progress(2, 2, session.schemaVariant().modelCatalog() + " synced: " + applied.inserted() + " new, " + applied.updated()
                + " changed, " + applied.deactivated() + " deactivated");
        if (audit != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("inserted", applied.inserted());
            details.put("updated", applied.updated());
            details.put("deactivated", applied.deactivated());
            details.put("feedModels", applied.synced());
            audit.append(session.identity().role(), session.identity().bannerLine(), "models.sync", session.schemaVariant().modelCatalog(),
                    "applied", details);
        }
        return applied;
    }

    private static void write(AiModel row, CatalogEntry entry, OffsetDateTime now) {
        row.setDisplayName(entry.displayName());
        row.setDescription(entry.description());
        row.setProvider(entry.provider());
        row.setModality(entry.modality());
        row.setContextLength(entry.contextLength());
        row.setMaxTokens(entry.maxTokens());
        row.setPricingPrompt(entry.pricingPrompt());
        row.setPricingCompletion(entry.pricingCompletion());
        row.setInputCostPerMillion(entry.inputCostPerMillion());
        row.setOutputCostPerMillion(entry.outputCostPerMillion());
        row.setCapabilities(capabilitiesJson(entry));
        row.setActive(true);
        row.setLastSyncedAt(now);
    }
}

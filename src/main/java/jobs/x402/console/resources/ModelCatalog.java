package jobs.x402.console.resources;

import jobs.x402.console.db.DatabaseSession;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Reads ai_models for the model picker and `models list`. */
public final class ModelCatalog {
    private final DatabaseSession session;

    public ModelCatalog(DatabaseSession session) {
        this.session = session;
    }

    /**
     * @param text     matched against id, display name and provider, case-insensitively; null or blank for all
     * @param provider exact provider, or null
     * @param modality exact modality, or null
     */
    public record Filter(String text, String provider, String modality, boolean includeInactive) {
        public static Filter all() {
            return new Filter(null, null, null, true);
        }

        boolean matches(ModelChoice m) {
            if (!includeInactive && !m.active()) {
                return false;
            }
            if (provider != null && !provider.isBlank() && !provider.equalsIgnoreCase(m.provider())) {
                return false;
            }
            if (modality != null && !modality.isBlank() && !modality.equalsIgnoreCase(m.modality())) {
                return false;
            }
            if (text == null || text.isBlank()) {
                return true;
            }
            String needle = text.toLowerCase(Locale.ROOT).trim();
            return m.openrouterId().toLowerCase(Locale.ROOT).contains(needle)
                    || m.displayName().toLowerCase(Locale.ROOT).contains(needle)
                    || m.provider().toLowerCase(Locale.ROOT).contains(needle);
        }
    }

    /** Every row, curated and active first, then by id; filtering happens in memory (the catalog is small). */
    public List<ModelChoice> list(Filter filter) {
        List<AiModel> rows = session.sessionFactory().fromStatelessTransaction(s -> s.createSelectionQuery(
                "from AiModel m order by m.active desc, m.curated desc, m.openrouterId", AiModel.class)
                .getResultList());
        return rows.stream().map(ModelChoice::of).filter(filter::matches).toList();
    }

    /** By uuid or openrouter_id; null when there is no such row. */
    public ModelChoice find(String idOrOpenrouterId) {
        UUID uuid = parseUuid(idOrOpenrouterId);
        AiModel row = session.sessionFactory().fromStatelessTransaction(s -> uuid != null
                ? s.get(AiModel.class, uuid)
                : s.createSelectionQuery("from AiModel m where m.openrouterId = :id", AiModel.class)
                .setParameter("id", idOrOpenrouterId).getResultStream().findFirst().orElse(null));
        return row == null ? null : ModelChoice.of(row);
    }

    static UUID parseUuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

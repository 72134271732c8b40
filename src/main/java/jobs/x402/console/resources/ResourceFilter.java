package jobs.x402.console.resources;

import java.util.Locale;

/**
 * What the resources list shows: null fields do not filter.
 *
 * @param text matched against slug and name
 */
public record ResourceFilter(String resourceType, String serverSlug, Boolean active, String text) {
    public static ResourceFilter all() {
        return new ResourceFilter(null, null, null, null);
    }

    boolean matches(ResourceSummary r) {
        if (resourceType != null && !resourceType.isBlank() && !resourceType.equals(r.resourceType())) {
            return false;
        }
        if (serverSlug != null && !serverSlug.isBlank() && !serverSlug.equals(r.serverSlug())) {
            return false;
        }
        if (active != null && active != r.active()) {
            return false;
        }
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.toLowerCase(Locale.ROOT).trim();
        return (r.slug() != null && r.slug().toLowerCase(Locale.ROOT).contains(needle))
                || r.name().toLowerCase(Locale.ROOT).contains(needle);
    }
}

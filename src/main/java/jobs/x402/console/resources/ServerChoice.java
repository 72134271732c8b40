package jobs.x402.console.resources;

import java.util.UUID;

/** An x402_servers row as the editor's server picker shows it; its creator's key runs its instant resources. */
public record ServerChoice(UUID id, String slug, String name, UUID creatorId) {
    @Override
    public String toString() {
        return slug == null ? name : slug + " — " + name;
    }
}

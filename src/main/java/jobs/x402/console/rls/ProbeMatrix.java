package jobs.x402.console.rls;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What each persona could do on one table, every statement rolled back.
 *
 * @param ownerColumn the column that says which user owns a row (FK to auth.users or user_id); null when none
 * @param otherUserId the auth.users row used as "another user"; null when there is none
 */
public record ProbeMatrix(String table, String ownerColumn, UUID otherUserId, List<PersonaProbe> personas,
                          String targetBanner, Instant ranAt, long millis) {

    public ProbeMatrix {
        personas = List.copyOf(personas);
    }

    /** A persona that could not be assumed, or a statement that failed for a reason other than RLS or grants. */
    public boolean hasProblems() {
        return personas.stream().anyMatch(p -> !p.ran()
                || p.attempts().stream().anyMatch(a -> a.verdict() == ProbeVerdict.FAILED));
    }
}

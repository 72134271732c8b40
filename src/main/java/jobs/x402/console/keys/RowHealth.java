package jobs.x402.console.keys;

import java.util.UUID;

/** One row's decrypt outcome in a scan; the detail names sizes or positions, never content. */
public record RowHealth(UUID userId, DecryptStatus status, String detail) {
    public boolean healthy() {
        return status.isOk();
    }
}

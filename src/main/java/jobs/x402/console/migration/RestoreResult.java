package jobs.x402.console.migration;

import java.nio.file.Path;
import java.util.List;

/**
 * What restore put back.
 *
 * @param alreadyPresent rows that were already there, identical to the backup
 * @param skipped        rows not restored (only with skip-missing): "user 1111… no longer exists"
 * @param identical      rows read back after the restore that equal the backup byte for byte
 */
public record RestoreResult(Path file, String sha256, int keysRestored, int resourcesRestored, int alreadyPresent,
                            List<String> skipped, int identical) {
}

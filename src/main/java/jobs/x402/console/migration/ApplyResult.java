package jobs.x402.console.migration;

import java.util.List;

/**
 * What apply did.
 *
 * @param applied false when 005 was already applied and nothing ran
 */
public record ApplyResult(boolean applied, List<StatementRun> statements, long millis, MigrationStatusReport after) {
}

package jobs.x402.console.migration;

/**
 * What adopt did.
 *
 * @param adopted false when 005 was already recorded
 */
public record AdoptResult(boolean adopted, MigrationStatusReport after) {
}

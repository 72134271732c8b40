package jobs.x402.console.migration;

import java.util.List;

/**
 * One step of the verification walkthrough: what it checks, the SQL it ran, what came back, and the verdict.
 *
 * @param evidence expected/actual lines from the catalog or the test statements
 */
public record VerificationStep(int number, String title, String sql, boolean passed, String result,
                               List<String> evidence) {
}

package jobs.x402.console.selfcheck;

/**
 * The outcome of one {@link StartupCheck}.
 *
 * @param detail what was seen when it passed, what failed otherwise
 */
public record CheckResult(String name, String description, boolean ok, long millis, String detail) {
}

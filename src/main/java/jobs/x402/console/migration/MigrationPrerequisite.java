package jobs.x402.console.migration;

/** One object migration 005 depends on, and whether the target has it. */
public record MigrationPrerequisite(String name, String kind, boolean present, String why) {
}

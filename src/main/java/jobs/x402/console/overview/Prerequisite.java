package jobs.x402.console.overview;

/** One object migration 005 depends on, and whether the target has it. */
public record Prerequisite(String name, String kind, boolean present, String why) {
}

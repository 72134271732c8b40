package jobs.x402.console.migration;

import jobs.x402.console.target.TargetIdentity;

import java.time.Instant;
import java.util.List;

/** The walkthrough of the seed's checklist on one target, exportable as Markdown. */
public record VerificationReport(TargetIdentity identity, Instant ranAt, String consoleVersion,
                                 MigrationState state, List<VerificationStep> steps) {

    public boolean passed() {
        return steps.stream().allMatch(VerificationStep::passed);
    }

    public long failedCount() {
        return steps.stream().filter(s -> !s.passed()).count();
    }

    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Migration 005 verification\n\n");
        md.append("- Target: `").append(identity.bannerLine()).append("`\n");
        md.append("- Run at: ").append(ranAt).append(" (UTC)\n");
        md.append("- Console: ").append(consoleVersion).append('\n');
        md.append("- Migration state: ").append(state.label()).append('\n');
        md.append("- Result: **").append(passed() ? "PASSED" : "FAILED").append("** — ")
                .append(steps.size() - failedCount()).append(" of ").append(steps.size())
                .append(" steps passed\n\n");
        md.append("| # | Step | Result |\n|---|---|---|\n");
        for (VerificationStep step : steps) {
            md.append("| ").append(step.number()).append(" | ").append(cell(step.title())).append(" | ")
                    .append(step.passed() ? "pass" : "**FAIL**").append(" |\n");
        }
        for (VerificationStep step : steps) {
            md.append("\n## ").append(step.number()).append(". ").append(step.title()).append(" — ")
                    .append(step.passed() ? "pass" : "FAIL").append("\n\n");
            md.append("```sql\n").append(step.sql().strip()).append("\n```\n\n");
            md.append("Result: ").append(step.result()).append("\n");
            if (!step.evidence().isEmpty()) {
                md.append("\nEvidence:\n\n");
                step.evidence().forEach(e -> md.append("- ").append(e).append('\n'));
            }
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}

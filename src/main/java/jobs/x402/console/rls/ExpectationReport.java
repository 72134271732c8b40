package jobs.x402.console.rls;

import java.util.List;
import java.util.UUID;

/** The expectation suite's outcome on one table: pass/fail per promise, with the matrix it was judged on. */
public record ExpectationReport(String table, String ownerColumn, UUID userId, UUID otherUserId,
                                List<Expectation> expectations, ProbeMatrix matrix) {

    public ExpectationReport {
        expectations = List.copyOf(expectations);
    }

    public boolean passed() {
        return expectations.stream().allMatch(Expectation::passed);
    }

    public long failures() {
        return expectations.stream().filter(e -> !e.passed()).count();
    }

    /** A Markdown page an operator can attach to a change request. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# RLS expectations: ").append(table).append("\n\n");
        md.append("- target: ").append(matrix.targetBanner()).append('\n');
        md.append("- run at: ").append(matrix.ranAt()).append('\n');
        md.append("- owner column: ").append(ownerColumn).append("; user ").append(userId)
                .append("; other user ").append(otherUserId).append('\n');
        md.append("- result: ").append(passed() ? "PASS" : "FAIL (" + failures() + " failed)").append("\n\n");
        md.append("| persona | promise | result | evidence |\n|---|---|---|---|\n");
        for (Expectation e : expectations) {
            md.append("| ").append(cell(e.persona())).append(" | ").append(cell(e.promise())).append(" | ")
                    .append(e.passed() ? "pass" : "**FAIL**").append(" | ").append(cell(e.evidence())).append(" |\n");
        }
        md.append("\nEvery statement ran inside a transaction that was rolled back.\n");
        return md.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}

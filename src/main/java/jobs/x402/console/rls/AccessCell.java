package jobs.x402.console.rls;

import java.util.List;

/**
 * One persona and one operation on one table.
 *
 * @param ownRows   seeded rows of the persona's own user it saw or changed (null when the persona has no user or
 *                  the table no owner column)
 * @param otherRows seeded rows of the other user (or, without an owner column or user, all seeded rows) it reached
 * @param reason    the database's words for a refusal, or why the cell was not run; null when it simply ran
 * @param steps     the statements that proved it and what each answered
 */
public record AccessCell(String persona, MatrixOperation operation, AccessVerdict verdict, Long ownRows,
                         Long otherRows, String reason, List<MatrixStep> steps) {
    public AccessCell {
        steps = List.copyOf(steps);
    }

    /** A short line for a grid cell's tooltip or the CLI. */
    public String summary() {
        StringBuilder s = new StringBuilder(verdict.text());
        if (ownRows != null) {
            s.append(" (own ").append(ownRows).append(", other user's ").append(otherRows == null ? 0 : otherRows)
                    .append(')');
        } else if (otherRows != null) {
            s.append(" (").append(otherRows).append(" seeded row").append(otherRows == 1 ? "" : "s").append(')');
        }
        if (reason != null) {
            s.append(": ").append(reason);
        }
        return s.toString();
    }

    /** The statements as psql would run them, one per line. */
    public String sqlText() {
        StringBuilder s = new StringBuilder();
        for (MatrixStep step : steps) {
            s.append(step.script()).append("\n-- answered: ").append(step.answer()).append('\n');
        }
        return s.toString().strip();
    }
}

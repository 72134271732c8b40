package jobs.x402.console.rls;

/**
 * One statement run as a persona, and what happened.
 *
 * @param rows      rows seen (SELECT) or affected; null when the statement did not run to the end
 * @param ownRows   of those, the persona's own (owner column = its user id); null when not applicable
 * @param otherRows of those, other users' rows; null when not applicable
 * @param message   the database's message when it refused, or a note
 * @param sql       the statement, as run (values as placeholders)
 */
public record ProbeAttempt(ProbeOperation operation, ProbeVerdict verdict, Long rows, Long ownRows, Long otherRows,
                           String sqlState, String message, String sql) {

    public boolean denied() {
        return verdict.denied();
    }

    /** "allowed · 1 row (own 1, others 0)" or "denied by policy: new row violates …". */
    public String summary() {
        StringBuilder text = new StringBuilder(verdict.text());
        if (verdict == ProbeVerdict.ALLOWED && rows != null) {
            text.append(" · ").append(rows).append(rows == 1 ? " row" : " rows");
            if (ownRows != null && otherRows != null) {
                text.append(" (own ").append(ownRows).append(", others ").append(otherRows).append(')');
            }
        }
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message);
        }
        return text.toString();
    }
}

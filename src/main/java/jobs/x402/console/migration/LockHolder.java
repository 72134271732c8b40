package jobs.x402.console.migration;

import java.time.OffsetDateTime;

/**
 * A database session that holds (or may hold) the migration lock, as pg_stat_activity shows it. Fields the
 * connecting role may not see are null.
 *
 * @param since when the holder's transaction (or, outside one, its session) began
 */
public record LockHolder(int pid, String role, String application, String clientAddress, OffsetDateTime since,
                         String state) {

    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(application == null || application.isBlank() ? "a session" : "'" + application + "'");
        text.append(" (role ").append(role == null ? "?" : role).append(", pid ").append(pid);
        if (clientAddress != null) {
            text.append(", from ").append(clientAddress);
        }
        text.append(')');
        if (since != null) {
            text.append(" since ").append(since);
        }
        return text.toString();
    }
}

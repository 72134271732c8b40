package jobs.x402.console.session;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.OperatorException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The local audit log, read: what changed on which target, who did it and how it ended. Both faces call
 * {@link #entries}; it needs no database (the log is a file in the console's data directory).
 */
public final class AuditApi {
    private final AuditLog log;

    private AuditApi(AuditLog log) {
        this.log = log;
    }

    public static AuditApi of(ConsoleEnvironment environment) {
        return new AuditApi(environment.auditLog());
    }

    /**
     * Which entries: every field is optional.
     *
     * @param action an action or its start, e.g. {@code keys.} or {@code migration.apply}
     * @param text   a part of the target, subject or result (case-insensitive)
     * @param since  entries at or after this instant
     * @param limit  at most this many, newest first; 0 for all
     */
    public record AuditQuery(String action, String text, Instant since, int limit) {
        public static AuditQuery all() {
            return new AuditQuery(null, null, null, 0);
        }
    }

    /** What matched, newest first, and how many entries the log holds in all. */
    public record AuditPage(List<AuditLog.Entry> entries, int matched, int total, String file) {
    }

    public AuditPage entries(AuditQuery query) {
        List<AuditLog.Entry> all = log.read();
        String action = blankToNull(query.action());
        String text = blankToNull(query.text());
        List<AuditLog.Entry> matching = all.stream()
                .filter(e -> action == null || (e.action() != null && e.action().startsWith(action)))
                .filter(e -> text == null || contains(e, text.toLowerCase(Locale.ROOT)))
                .filter(e -> query.since() == null || !e.at().isBefore(query.since()))
                .sorted(Comparator.comparing(AuditLog.Entry::at).reversed())
                .toList();
        List<AuditLog.Entry> shown = query.limit() > 0 && matching.size() > query.limit()
                ? matching.subList(0, query.limit()) : matching;
        return new AuditPage(List.copyOf(shown), matching.size(), all.size(), log.file().toString());
    }

    /**
     * A point in time as an operator writes it: a duration back from now ({@code 30m}, {@code 12h}, {@code 7d}),
     * a date ({@code 2026-12-01}, midnight on this machine) or an instant ({@code 2026-12-01T09:30:00Z}).
     */
    public static Instant parseSince(String text, Instant now) {
        String value = text.strip();
        try {
            if (value.matches("\\d+[smhd]")) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                Duration back = switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
                return now.minus(back);
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value).atStartOfDay(ZoneId.systemDefault()).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw OperatorException.usage("'" + value + "' is not a time the audit log can start from",
                    "write a duration back from now (30m, 12h, 7d), a date (2026-12-01) or an instant"
                            + " (2026-12-01T09:30:00Z)");
        }
    }

    private static boolean contains(AuditLog.Entry e, String needle) {
        return has(e.target(), needle) || has(e.subject(), needle) || has(e.result(), needle)
                || has(e.databaseRole(), needle) || has(e.osUser(), needle);
    }

    private static boolean has(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

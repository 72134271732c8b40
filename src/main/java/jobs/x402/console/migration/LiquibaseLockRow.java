package jobs.x402.console.migration;

import java.time.LocalDateTime;

/**
 * The row of x402_console.databasechangeloglock: a committed lock that Liquibase (or a crashed Liquibase) left.
 *
 * @param tablePresent false when Liquibase never ran on this target
 * @param granted      server local time, as Liquibase records it
 * @param lockedBy     "hostname (ip)" of the holder, as Liquibase records it
 */
public record LiquibaseLockRow(boolean tablePresent, boolean locked, LocalDateTime granted, String lockedBy) {

    static LiquibaseLockRow none() {
        return new LiquibaseLockRow(false, false, null, null);
    }

    public String describe() {
        if (!locked) {
            return "not locked";
        }
        return "locked by " + lockedBy + " since " + granted;
    }
}

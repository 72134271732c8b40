package jobs.x402.console.migration;

import java.util.List;

/**
 * Who holds migration 005's locks: the console's session lock (held only while a console changes 005, and gone with
 * its session) and Liquibase's committed lock row (which a crashed Liquibase run can leave behind).
 *
 * @param consoleHolders      sessions holding the console's lock right now
 * @param sessionsFromLockHost live sessions from the address recorded in the Liquibase lock: if any, its holder may
 *                            still be at work
 */
public record LockReport(LiquibaseLockRow liquibase, List<LockHolder> consoleHolders,
                         List<LockHolder> sessionsFromLockHost) {

    public boolean free() {
        return !liquibase.locked() && consoleHolders.isEmpty();
    }

    /** A Liquibase lock with no console at work: either another Liquibase is running, or one crashed. */
    public boolean liquibaseLockPossiblyStale() {
        return liquibase.locked() && consoleHolders.isEmpty();
    }
}

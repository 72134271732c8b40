package jobs.x402.console.migration;

import jobs.x402.console.core.ProgressListener;
import liquibase.listener.SqlListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Listens to every statement Liquibase sends: reports progress per migration statement, stops before the next
 * statement when the operator cancels (the transaction then rolls back), and remembers which statement failed.
 */
final class StatementTracker extends SqlListener {
    private final ProgressListener progress;
    private final List<String> expected;
    private final List<StatementRun> runs = new ArrayList<>();
    private String current;
    private boolean currentIsMigration;
    private long currentStarted;
    private int migrationStatementsSeen;

    StatementTracker(ProgressListener progress, List<String> expectedStatements) {
        this.progress = progress;
        this.expected = expectedStatements.stream().map(MigrationSpec::normalize).toList();
    }

    @Override
    public void writeSqlWillRun(String sql) {
        finishCurrent(null);
        progress.checkCancelled();
        current = sql;
        currentStarted = System.nanoTime();
        currentIsMigration = expected.contains(MigrationSpec.normalize(sql));
        if (currentIsMigration) {
            migrationStatementsSeen++;
            progress.progress(migrationStatementsSeen, expected.size(), "Statement " + migrationStatementsSeen
                    + " of " + expected.size() + ": " + firstLine(sql));
        } else {
            progress.step("Liquibase bookkeeping: " + firstLine(sql));
        }
    }

    /** Closes the open statement; with an error, it is the one that failed. */
    void finishCurrent(String error) {
        if (current != null) {
            runs.add(new StatementRun(runs.size() + 1, current, currentIsMigration,
                    (System.nanoTime() - currentStarted) / 1_000_000, error));
            current = null;
        }
    }

    /** The statement the database refused, if any, with the operator-facing error in place of the marker. */
    StatementRun failed(String error) {
        for (int i = 0; i < runs.size(); i++) {
            StatementRun run = runs.get(i);
            if (run.error() != null) {
                StatementRun failed = new StatementRun(run.number(), run.sql(), run.migrationStatement(), run.millis(),
                        error);
                runs.set(i, failed);
                return failed;
            }
        }
        return null;
    }

    List<StatementRun> runs() {
        return List.copyOf(runs);
    }

    static String firstLine(String sql) {
        String line = sql.strip().lines().findFirst().orElse("");
        return line.length() > 100 ? line.substring(0, 97) + "…" : line;
    }
}

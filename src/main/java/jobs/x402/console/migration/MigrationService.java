package jobs.x402.console.migration;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.Confirmation;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.RemedyAction;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.migration.ChangelogRunner.Command;
import jobs.x402.console.migration.MigrationTransaction.Ending;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Status, preview, dry run, apply, adopt, history and locks of migration 005 on one target. Every change runs in
 * one transaction under the console's lock and is checked against the specification before it is committed.
 */
public final class MigrationService {
    /** How long apply, adopt, rollback and restore wait for table locks (x402_resources is busy on a live project). */
    public static final int DEFAULT_LOCK_TIMEOUT_SECONDS = 10;
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(DEFAULT_LOCK_TIMEOUT_SECONDS);
    private final DatabaseSession session;
    private final AuditLog audit;

    public MigrationService(DatabaseSession session, AuditLog audit) {
        this.session = session;
        this.audit = audit;
    }

    public TargetIdentity identity() {
        return session.identity();
    }

    /** The target's schema variant (a usage error when it is ambiguous and nobody chose one). */
    SchemaVariant variant() {
        return session.schemaVariant();
    }

    /** Migration 005's changeset for the target's schema variant. */
    public MigrationChangelog changelog() {
        return MigrationChangelog.of(variant());
    }

    /** Waits at most this long for a catalog read that queues behind a running migration's table lock. */
    private static final String STATUS_LOCK_TIMEOUT = "3s";

    public MigrationStatusReport status() {
        try (Connection connection = session.connection()) {
            connection.setAutoCommit(false);
            try {
                MigrationTransaction.execute(connection, "set local lock_timeout = '" + STATUS_LOCK_TIMEOUT + "'");
                MigrationStatusReport report = MigrationStatus.read(connection, session.variantDetection());
                connection.commit();
                return report;
            } catch (OperatorException e) {
                connection.rollback();
                if (e.getCause() instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                    List<LockHolder> holders = MigrationLock.consoleHolders(connection);
                    throw OperatorException.refused("The catalog of " + targetLine() + " is locked"
                            + (holders.isEmpty() ? " by another session" : " by a running migration: " + String.join(
                            "; ", holders.stream().map(LockHolder::describe).toList())),
                            "try again when it has finished; the migration locks show the holder")
                            .withAction(RemedyAction.SHOW_LOCKS);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw catalogFailure(e);
        }
    }

    private TrackingTables.Footprint footprint() {
        try (Connection connection = session.connection()) {
            return TrackingTables.read(connection);
        } catch (SQLException e) {
            throw catalogFailure(e);
        }
    }

    /** Refuses at once, naming the holder, when another console is changing 005. */
    void refuseIfLocked() {
        try (Connection connection = session.connection()) {
            MigrationLock.refuseIfHeld(connection, targetLine());
        } catch (SQLException e) {
            throw catalogFailure(e);
        }
    }

    public MigrationPreview preview() {
        MigrationStatusReport status = status();
        TrackingTables.Footprint footprint = footprint();
        List<String> bookkeeping = TrackingTables.statementsFor(footprint);
        String firstRunNote = bookkeeping.isEmpty() ? null : footprint.absent()
                ? "The console has not run on this database; applying also creates schema "
                + TrackingTables.SCHEMA + " with its two bookkeeping tables"
                : "The console's bookkeeping on this database is incomplete; applying also completes schema "
                + TrackingTables.SCHEMA + " and its two bookkeeping tables";
        int applyCount = changelog().applyStatements().size();
        int rollbackCount = changelog().rollbackStatements().size();
        String applyNote = switch (status.state()) {
            case PENDING -> status.prerequisitesMet() ? "apply runs these " + applyCount + " statements"
                    : "apply is refused: missing prerequisites " + names(status.missingPrerequisites());
            case APPLIED -> "nothing: 005 is already applied";
            case APPLIED_WITHOUT_RECORD -> "apply is refused: the objects are already there; adopt records them";
            case PARTLY_APPLIED, DRIFTED -> "apply is refused: " + status.differences().size()
                    + " objects differ from the specification";
        };
        String rollbackNote = switch (status.state()) {
            case APPLIED, DRIFTED -> "rollback runs these " + rollbackCount
                    + " statements after a backup of the values they destroy";
            case APPLIED_WITHOUT_RECORD -> "rollback needs the Liquibase record first: adopt, then roll back";
            case PENDING, PARTLY_APPLIED -> "nothing to roll back: 005 is not recorded as applied";
        };
        return new MigrationPreview(changelog().identity(), changelog().checksum(), status.state(),
                changelog().applyStatements(), changelog().rollbackStatements(), applyNote,
                rollbackNote, bookkeeping, firstRunNote);
    }

    /** Runs apply inside a transaction and always rolls it back: DATABASECHANGELOG included, nothing persists. */
    public DryRunResult dryRun(Duration lockTimeout, ProgressListener progress) {
        long started = System.nanoTime();
        progress.progress(0, 1, "Reading migration 005's state");
        refuseIfLocked();
        MigrationStatusReport before = status();
        if (before.state() == MigrationState.APPLIED) {
            return new DryRunResult(true, true, List.of(), null, null, before, millisSince(started));
        }
        return MigrationTransaction.run(session, "dry-run", lockTimeout, Ending.ROLL_BACK, connection -> {
            StatementTracker tracker = new StatementTracker(progress, changelog().applyStatements());
            try {
                ChangelogRunner.run(connection, changelog(), Command.UPDATE, tracker);
            } catch (OperatorException e) {
                OperatorException cause = MigrationTransaction.cancellationOr(e);
                if (cause != e) {
                    throw cause;
                }
                String error = MigrationTransaction.rootMessage(e);
                tracker.finishCurrent(null); // only a statement the server refused is to blame (see the proxy)
                StatementRun failed = tracker.failed(error);
                return new DryRunResult(false, false, tracker.runs(), failed, error, null, millisSince(started));
            }
            tracker.finishCurrent(null);
            MigrationStatusReport wouldBe = MigrationStatus.read(connection, variant());
            progress.step("Rolling the dry run back");
            boolean ok = wouldBe.state() == MigrationState.APPLIED;
            return new DryRunResult(ok, false, tracker.runs(), null, ok ? null
                    : "after the update the target would be " + wouldBe.summary(), wouldBe, millisSince(started));
        });
    }

    /**
     * Applies 005 atomically. Already applied: returns at once with {@code applied == false}.
     *
     * @param confirmation the operator saw the target banner and the preview and said yes
     */
    public ApplyResult apply(Confirmation confirmation, Duration lockTimeout, ProgressListener progress) {
        return apply(confirmation, null, lockTimeout, progress);
    }

    /**
     * The same, and on request also records 005's version in the Supabase CLI's history, in the same transaction.
     *
     * @param recordSupabaseVersion null, or exactly {@link SchemaVariant#SUPABASE_CLI_VERSION}: the operator's
     *                              repository has that migration file, so the CLI may know it as applied
     */
    public ApplyResult apply(Confirmation confirmation, String recordSupabaseVersion, Duration lockTimeout,
                             ProgressListener progress) {
        long started = System.nanoTime();
        if (recordSupabaseVersion != null && !SchemaVariant.SUPABASE_CLI_VERSION.equals(recordSupabaseVersion)) {
            throw OperatorException.usage("The console records only migration 005's own Supabase CLI version, "
                    + SchemaVariant.SUPABASE_CLI_VERSION + " (" + SchemaVariant.SUPABASE_CLI_NAME + "), not '"
                    + recordSupabaseVersion + "'. Nothing was changed",
                    "give " + SchemaVariant.SUPABASE_CLI_VERSION + ", or record nothing in the CLI's history");
        }
        progress.progress(0, 1, "Reading migration 005's state");
        refuseIfLocked();
        MigrationStatusReport before = status();
        if (before.state() == MigrationState.APPLIED) {
            return new ApplyResult(false, List.of(), millisSince(started), before);
        }
        refuseUnlessApplicable(before);
        if (recordSupabaseVersion != null) {
            refuseUnlessRecordable(before.supabaseCli());
        }
        if (!confirmation.yes()) {
            throw OperatorException.refused("Apply needs a confirmation: it changes " + targetLine(),
                    "review the preview, then confirm").withAction(RemedyAction.CONFIRM);
        }
        try {
            ApplyResult result = MigrationTransaction.run(session, "apply", lockTimeout, Ending.COMMIT, connection -> {
                MigrationStatusReport inside = MigrationStatus.read(connection, variant());
                if (inside.state() == MigrationState.APPLIED) {
                    return new ApplyResult(false, List.of(), millisSince(started), inside);
                }
                refuseUnlessApplicable(inside);
                StatementTracker tracker = new StatementTracker(progress, changelog().applyStatements());
                try {
                    ChangelogRunner.run(connection, changelog(), Command.UPDATE, tracker);
                } catch (OperatorException e) {
                    tracker.finishCurrent(null);
                    throw failedStatement("Apply", tracker, e);
                }
                tracker.finishCurrent(null);
                if (recordSupabaseVersion != null) {
                    progress.step("Recording " + SchemaVariant.SUPABASE_CLI_VERSION + " in the Supabase CLI's history");
                    SupabaseCliHistory.record(connection, changelog().applyStatements());
                }
                MigrationStatusReport after = MigrationStatus.read(connection, variant());
                requireState(after, MigrationState.APPLIED, "apply");
                progress.step("Committing");
                return new ApplyResult(true, tracker.runs(), millisSince(started), after);
            });
            if (result.applied()) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("statements", result.statements().size());
                details.put("millis", result.millis());
                details.put("checksum", changelog().checksum());
                details.put("schemaVariant", variant().label());
                details.put("supabaseCliVersionRecorded", recordSupabaseVersion);
                record("migration.apply", "ok", details);
            }
            return result;
        } catch (OperatorException e) {
            record("migration.apply", "failed: " + e.problem(), Map.of());
            throw e;
        }
    }

    /** Records 005 as applied where it was pasted by hand, only when every object matches the specification. */
    public AdoptResult adopt(Confirmation confirmation, Duration lockTimeout, ProgressListener progress) {
        progress.progress(0, 2, "Comparing every object with the specification");
        refuseIfLocked();
        MigrationStatusReport before = status();
        if (before.state() == MigrationState.APPLIED && before.recorded()) {
            return new AdoptResult(false, before);
        }
        refuseUnlessAdoptable(before);
        if (!confirmation.yes()) {
            throw OperatorException.refused("Adopt needs a confirmation: it records 005 as applied on "
                    + targetLine(), "confirm the adoption").withAction(RemedyAction.CONFIRM);
        }
        AdoptResult result = MigrationTransaction.run(session, "adopt", lockTimeout, Ending.COMMIT, connection -> {
            MigrationStatusReport inside = MigrationStatus.read(connection, variant());
            if (inside.state() == MigrationState.APPLIED && inside.recorded()) {
                return new AdoptResult(false, inside);
            }
            refuseUnlessAdoptable(inside);
            progress.progress(1, 2, "Recording 005 in x402_console.databasechangelog");
            ChangelogRunner.run(connection, changelog(), Command.SYNC, new StatementTracker(progress, List.of()));
            MigrationStatusReport after = MigrationStatus.read(connection, variant());
            requireState(after, MigrationState.APPLIED, "adopt");
            if (!after.recorded()) {
                throw OperatorException.failure("After adopt the console's changelog would still not record 005",
                        "nothing was committed; see the log", null);
            }
            return new AdoptResult(true, after);
        });
        if (result.adopted()) {
            record("migration.adopt", "ok", Map.of("objectsVerified", result.after().objects().size(),
                    "checksum", changelog().checksum(), "schemaVariant", variant().label(),
                    "supabaseCliRecorded", before.supabaseCli().records005()));
        }
        return result;
    }

    public MigrationHistory history() {
        try (Connection connection = session.connection()) {
            List<ChangelogRow> rows = MigrationStatus.history(connection);
            List<AuditLog.Entry> entries = audit.read().stream()
                    .filter(e -> e.action() != null && e.action().startsWith("migration."))
                    .toList();
            return new MigrationHistory(rows, entries);
        } catch (SQLException e) {
            throw catalogFailure(e);
        }
    }

    public LockReport locks() {
        try (Connection connection = session.connection()) {
            return MigrationLock.read(connection);
        } catch (SQLException e) {
            throw catalogFailure(e);
        }
    }

    /**
     * Releases a Liquibase lock whose holder the operator confirmed is gone. Refused while a console holds the
     * migration lock (that lock ends with its session and never needs releasing).
     */
    public LiquibaseLockRow releaseStaleLock(Confirmation holderGone) {
        if (!holderGone.yes()) {
            throw OperatorException.refused("Releasing the Liquibase lock needs a confirmation that its holder is"
                    + " gone", "check the migration locks, then confirm that the holder is gone")
                    .withAction(RemedyAction.RELEASE_STALE_LOCK);
        }
        try (Connection connection = session.dedicatedConnection()) {
            LiquibaseLockRow released = MigrationLock.releaseStaleLiquibaseLock(connection, targetLine());
            if (released.locked()) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("lockedBy", released.lockedBy());
                details.put("granted", String.valueOf(released.granted()));
                record("migration.release-lock", "ok", details);
            }
            return released;
        } catch (SQLException e) {
            throw catalogFailure(e);
        }
    }

    void record(String action, String result, Map<String, Object> details) {
        TargetIdentity identity = session.identity();
        audit.append(identity.role(), identity.host() + ":" + identity.port() + "/" + identity.database(), action,
                changelog().identity(), result, details);
    }

    String targetLine() {
        return session.identity().bannerLine();
    }

    private void refuseUnlessApplicable(MigrationStatusReport status) {
        if (!status.prerequisitesMet()) {
            throw OperatorException.refused("Migration 005 cannot go onto " + targetLine()
                    + ": missing prerequisites " + names(status.missingPrerequisites()) + ". Nothing was changed",
                    "create them first (the Supabase baseline has them)");
        }
        switch (status.state()) {
            case PENDING -> {
            }
            case APPLIED_WITHOUT_RECORD -> throw OperatorException.refused("Every object of 005 is already on "
                    + targetLine() + " but Liquibase has no record of it (applied by hand?). Nothing was changed",
                    "record it as applied (adopt)").withAction(RemedyAction.ADOPT_MIGRATION);
            default -> throw OperatorException.refused("Migration 005 is " + status.state().label() + " on "
                    + targetLine() + ": " + describeDifferences(status) + ". Nothing was changed",
                    "repair or remove those objects by hand, then read the migration status again")
                    .withAction(RemedyAction.SHOW_MIGRATION_STATUS);
        }
    }

    /** Recording in the CLI's history only where the CLI keeps one, and only where 005 is not there yet. */
    private void refuseUnlessRecordable(SupabaseCliHistory history) {
        if (!history.present() || !history.readable()) {
            throw OperatorException.refused("The Supabase CLI's history cannot take the version on " + targetLine()
                    + ": " + history.describe() + ". Nothing was changed",
                    "apply without recording; the CLI creates its history table itself on its first push");
        }
        if (history.records005()) {
            throw OperatorException.refused("The Supabase CLI already records " + SchemaVariant.SUPABASE_CLI_VERSION
                    + " on " + targetLine() + ". Nothing was changed", "apply without recording the version");
        }
    }

    private void refuseUnlessAdoptable(MigrationStatusReport status) {
        if (status.state() == MigrationState.APPLIED && status.recordedOnlyBySupabaseCli()) {
            return; // the CLI recorded it; adopt adds the console's own record, the CLI's row stays as it is
        }
        if (status.state() == MigrationState.PENDING) {
            throw OperatorException.refused("Nothing to adopt on " + targetLine() + ": none of 005's objects exist",
                    "apply it instead").withAction(RemedyAction.APPLY_MIGRATION);
        }
        if (status.state() != MigrationState.APPLIED_WITHOUT_RECORD) {
            throw OperatorException.refused("Adopt refused on " + targetLine() + ": 005 is "
                    + status.state().label() + "; " + describeDifferences(status) + ". Nothing was recorded",
                    "only a complete, matching hand-applied 005 can be adopted");
        }
    }

    private static void requireState(MigrationStatusReport status, MigrationState expected, String operation) {
        if (status.state() != expected) {
            throw OperatorException.failure("After " + operation + " the target would be " + status.summary()
                    + " instead of " + expected.label() + ": " + describeDifferences(status),
                    "the transaction was rolled back; nothing changed", null);
        }
    }

    static String describeDifferences(MigrationStatusReport status) {
        List<ObjectCheck> differences = status.differences();
        if (differences.isEmpty()) {
            return "no object differs";
        }
        return differences.size() + " objects differ — " + String.join("; ", differences.stream()
                .map(o -> o.kind() + " " + o.name() + ": expected " + o.expected() + ", found " + o.actual())
                .toList());
    }

    private OperatorException failedStatement(String operation, StatementTracker tracker, OperatorException e) {
        OperatorException cancelled = MigrationTransaction.cancellationOr(e);
        if (cancelled != e) {
            return cancelled;
        }
        StatementRun failed = tracker.failed(MigrationTransaction.rootMessage(e));
        String statement = failed == null ? "(a Liquibase check)" : StatementTracker.firstLine(failed.sql());
        return OperatorException.failure(operation + " failed on " + targetLine() + " at `" + statement + "`: "
                        + MigrationTransaction.rootMessage(e),
                "the transaction was rolled back; nothing changed (a dry run shows the failing statement)", e)
                .withAction(RemedyAction.DRY_RUN_MIGRATION);
    }

    private static String names(List<MigrationPrerequisite> prerequisites) {
        return String.join(", ", prerequisites.stream().map(MigrationPrerequisite::name).toList());
    }

    static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private OperatorException catalogFailure(SQLException e) {
        return OperatorException.failure("Reading migration 005's state on " + targetLine() + " failed: "
                + e.getMessage(), "check the connection and that the role may read the catalog", e);
    }
}

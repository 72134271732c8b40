package jobs.x402.console.migration;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.Confirmation;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.RemedyAction;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.target.SchemaVariant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * rls harden: the second changeset (changelog/x402-005-rls-harden*.sql), which fixes what the lints flag in 005's own
 * objects without changing who may do what, with its own rollback. Status, preview, dry run, confirmation, lock and
 * audit work as for 005: the same transaction, lock and Liquibase runner.
 */
public final class RlsHardening {
    private final DatabaseSession session;
    private final AuditLog audit;

    public RlsHardening(DatabaseSession session, AuditLog audit) {
        this.session = session;
        this.audit = audit;
    }

    /** Where 005's objects stand. */
    public enum State {
        /** 005's key table is not there: nothing to harden. */
        NO_005("not applied"),
        /** 005's objects have their original definitions. */
        PENDING("not hardened"),
        /** All three fixes are in place. */
        HARDENED("hardened"),
        /** Some fixes are in place and others not (made by hand?): harden refuses, so its rollback stays exact. */
        PARTLY("partly hardened by hand");

        private final String text;

        State(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * @param wrappedPolicy  the user policy reads (select auth.uid())
     * @param pinnedFunction the trigger function has a fixed search_path
     * @param forced         FORCE ROW LEVEL SECURITY on the key table
     * @param recorded       the hardening changeset is recorded in x402_console.databasechangelog
     */
    public record Status(State state, SchemaVariant variant, String keyTable, boolean wrappedPolicy,
                         boolean pinnedFunction, boolean forced, boolean recorded, String targetBanner) {
    }

    public record Preview(Status status, List<String> applyStatements, List<String> rollbackStatements) {
    }

    public record Result(boolean changed, List<StatementRun> statements, long millis, Status before, Status after) {
    }

    public MigrationChangelog changelog() {
        return MigrationChangelog.hardening(variant());
    }

    private SchemaVariant variant() {
        return session.schemaVariant();
    }

    public Status status() {
        try (Connection c = session.connection()) {
            return status(c);
        } catch (SQLException e) {
            throw OperatorException.failure("Reading the hardening status failed on " + banner() + ": "
                    + e.getMessage(), "check the connection", e);
        }
    }

    private Status status(Connection c) throws SQLException {
        SchemaVariant variant = variant();
        String table = variant.qualifiedKeyTable();
        try (PreparedStatement ps = c.prepareStatement("""
                select to_regclass(?) is not null,
                       coalesce((select pg_get_expr(polqual, polrelid) ~* '\\(\\s*select\\s+auth\\.uid\\(\\)'
                                 from pg_policy where polrelid = to_regclass(?) and polname = ?), false),
                       coalesce((select proconfig is not null and exists (select 1 from unnest(proconfig) x
                                        where x like 'search_path=%')
                                 from pg_proc
                                 where oid = to_regprocedure('public.update_openrouter_integration_updated_at()')),
                                false),
                       coalesce((select relforcerowsecurity from pg_class where oid = to_regclass(?)), false)""")) {
            ps.setString(1, table);
            ps.setString(2, table);
            ps.setString(3, MigrationSpec.USER_POLICY);
            ps.setString(4, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                boolean exists = rs.getBoolean(1);
                boolean wrapped = rs.getBoolean(2);
                boolean pinned = rs.getBoolean(3);
                boolean forced = rs.getBoolean(4);
                boolean recorded = MigrationStatus.history(c).stream().anyMatch(changelog()::records);
                State state = !exists ? State.NO_005 : wrapped && pinned && forced ? State.HARDENED
                        : !wrapped && !pinned && !forced ? State.PENDING : State.PARTLY;
                return new Status(state, variant, table, wrapped, pinned, forced, recorded, banner());
            }
        }
    }

    public Preview preview() {
        return new Preview(status(), changelog().applyStatements(), changelog().rollbackStatements());
    }

    /** The whole harden inside a transaction that is rolled back: what it would run and where it would leave 005. */
    public Result dryRun(Duration lockTimeout, ProgressListener progress) {
        long started = System.nanoTime();
        Status before = status();
        refuseUnless(before, State.PENDING, "dry-run the hardening");
        return MigrationTransaction.run(session, "harden dry run", lockTimeout, MigrationTransaction.Ending.ROLL_BACK,
                connection -> {
                    Result result = runChangeset(connection, ChangelogRunner.Command.UPDATE, progress, started,
                            before);
                    progress.step("Rolling the dry run back");
                    return result;
                });
    }

    public Result apply(Confirmation confirmation, Duration lockTimeout, ProgressListener progress) {
        long started = System.nanoTime();
        Status before = status();
        if (before.state() == State.HARDENED && before.recorded()) {
            return new Result(false, List.of(), millisSince(started), before, before);
        }
        refuseUnless(before, State.PENDING, "harden");
        if (!confirmation.yes()) {
            throw OperatorException.refused("Harden needs a confirmation: it changes 005's policy, function and"
                    + " table on " + banner(), "review the preview, then confirm").withAction(RemedyAction.CONFIRM);
        }
        return committed("rls.harden", "harden", ChangelogRunner.Command.UPDATE, before, lockTimeout, progress,
                started);
    }

    public Result rollback(Confirmation confirmation, Duration lockTimeout, ProgressListener progress) {
        long started = System.nanoTime();
        Status before = status();
        if (!before.recorded() || before.state() != State.HARDENED) {
            throw OperatorException.refused("There is no hardening to roll back on " + banner() + ": 005's objects are "
                    + before.state().text() + (before.recorded() ? "" : " and the console has no record of rls"
                    + " harden here") + ". Nothing was changed", "the hardening preview shows the state")
                    .withAction(RemedyAction.PREVIEW_HARDENING);
        }
        if (!confirmation.yes()) {
            throw OperatorException.refused("Rolling the hardening back needs a confirmation: it restores 005's"
                    + " original definitions on " + banner(), "review the preview, then confirm")
                    .withAction(RemedyAction.CONFIRM);
        }
        return committed("rls.harden.rollback", "harden rollback", ChangelogRunner.Command.ROLLBACK, before,
                lockTimeout, progress, started);
    }

    /** Runs the changeset one way in a committed transaction, with an audit entry whether it worked or not. */
    private Result committed(String action, String operation, ChangelogRunner.Command command, Status before,
                             Duration lockTimeout, ProgressListener progress, long started) {
        try {
            Result result = MigrationTransaction.run(session, operation, lockTimeout,
                    MigrationTransaction.Ending.COMMIT, connection -> runChangeset(connection, command, progress,
                            started, before));
            record(action, "ok", result);
            return result;
        } catch (OperatorException e) {
            audit.append(session.identity().role(), banner(), action, before.keyTable(), "failed: " + e.problem(),
                    Map.of());
            throw e;
        }
    }

    private Result runChangeset(Connection connection, ChangelogRunner.Command command, ProgressListener progress,
                                long started, Status before) throws SQLException {
        Status inside = status(connection);
        if (command == ChangelogRunner.Command.UPDATE && inside.recorded() && inside.state() == State.PENDING) {
            // a record left behind when 005 was rolled back (and perhaps applied again) since: 005's objects are the
            // originals, so the record is stale; without removing it Liquibase would skip the changeset
            MigrationTransaction.execute(connection, "delete from " + MigrationStatus.CHANGELOG_TABLE + " where id = '"
                    + MigrationChangelog.HARDEN_CHANGESET_ID + "' and author = '" + MigrationChangelog.AUTHOR
                    + "' and filename = '" + changelog().logicalPath() + "'");
        }
        StatementTracker tracker = new StatementTracker(progress, command == ChangelogRunner.Command.UPDATE
                ? changelog().applyStatements() : changelog().rollbackStatements());
        try {
            ChangelogRunner.run(connection, changelog(), command, tracker);
        } catch (OperatorException e) {
            tracker.finishCurrent(null);
            throw e;
        }
        tracker.finishCurrent(null);
        Status after = status(connection);
        State expected = command == ChangelogRunner.Command.UPDATE ? State.HARDENED : State.PENDING;
        if (after.state() != expected) {
            throw OperatorException.failure("After " + (expected == State.HARDENED ? "harden" : "its rollback")
                    + " 005's objects are " + after.state().text() + ", not " + expected.text()
                    + "; nothing was committed", "compare with the hardening preview", null)
                    .withAction(RemedyAction.PREVIEW_HARDENING);
        }
        progress.step("Committing");
        return new Result(true, tracker.runs(), millisSince(started), before, after);
    }

    private void refuseUnless(Status status, State wanted, String action) {
        if (status.state() == wanted) {
            return;
        }
        String why = switch (status.state()) {
            case NO_005 -> status.keyTable() + " does not exist: apply migration 005 first";
            case HARDENED -> "005's objects are already hardened";
            case PARTLY -> "005's objects are partly hardened already (policy " + (status.wrappedPolicy() ? "wrapped"
                    : "as 005 made it") + ", function search_path " + (status.pinnedFunction() ? "fixed" : "not fixed")
                    + ", FORCE " + (status.forced() ? "on" : "off") + "), so its rollback could not restore them"
                    + " exactly";
            case PENDING -> "nothing";
        };
        OperatorException refusal = OperatorException.refused("Cannot " + action + " on " + banner() + ": " + why
                + ". Nothing was changed", switch (status.state()) {
                    case NO_005 -> "apply migration 005 first";
                    case PARTLY -> "put the three back as 005 made them (the hardening preview shows its rollback"
                            + " SQL), or leave them as they are";
                    default -> "rolling the hardening back restores 005's definitions";
                });
        throw refusal.withAction(switch (status.state()) {
            case NO_005 -> RemedyAction.APPLY_MIGRATION;
            case PARTLY -> RemedyAction.PREVIEW_HARDENING;
            default -> RemedyAction.ROLL_BACK_HARDENING;
        });
    }

    private void record(String action, String result, Result run) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("statements", run.statements().size());
        details.put("millis", run.millis());
        details.put("checksum", changelog().checksum());
        details.put("schemaVariant", variant().label());
        audit.append(session.identity().role(), banner(), action, run.after().keyTable(), result, details);
    }

    private String banner() {
        return session.identity().bannerLine();
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}

package jobs.x402.console.migration;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.core.Confirmation;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.RemedyAction;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.migration.ChangelogRunner.Command;
import jobs.x402.console.migration.MigrationTransaction.Ending;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Guarded rollback of migration 005 and the restore of what it destroyed. Rollback: impact first, refused while
 * openrouter_instant resources exist, a backup of every doomed value written inside the same transaction that drops
 * them (writers are locked out in between), the operator's confirmation by database name, one transaction.
 */
public final class MigrationRollback {
    private final DatabaseSession session;
    private final MigrationService migrations;

    public MigrationRollback(DatabaseSession session, MigrationService migrations) {
        this.session = session;
        this.migrations = migrations;
    }

    private SchemaVariant variant() {
        return session.schemaVariant();
    }

    private MigrationChangelog changelog() {
        return MigrationChangelog.of(variant());
    }

    /**
     * @param backupFile        where the backup goes; null only with {@code waiveBackup}
     * @param waiveBackup       the operator explicitly goes without a backup (needs the database name too)
     * @param confirmation      a yes with the database name typed (an irreversible change asks for both)
     * @param repairSupabaseHistory also make the Supabase CLI forget 005's version, in the same transaction
     *                          (what {@code supabase migration repair --status reverted} does)
     */
    public record Request(Path backupFile, boolean waiveBackup, Confirmation confirmation, Duration lockTimeout,
                          boolean repairSupabaseHistory) {
        public Request {
            confirmation = confirmation == null ? Confirmation.none() : confirmation;
        }

        public Request(Path backupFile, boolean waiveBackup, Confirmation confirmation, Duration lockTimeout) {
            this(backupFile, waiveBackup, confirmation, lockTimeout, false);
        }
    }

    public RollbackImpact impact() {
        MigrationStatusReport status = migrations.status();
        requireRollbackable(status);
        try (Connection connection = session.connection()) {
            return RollbackImpact.read(connection, variant());
        } catch (SQLException e) {
            throw OperatorException.failure("Reading the rollback impact failed: " + e.getMessage(),
                    "check the connection", e);
        }
    }

    public RollbackResult rollback(Request request, ProgressListener progress) {
        long started = System.nanoTime();
        TargetIdentity identity = session.identity();
        progress.progress(0, 1, "Reading what rollback would destroy");
        migrations.refuseIfLocked();
        RollbackImpact impact = impact();
        refuseIfBlocked(impact);
        if (request.backupFile() == null && !request.waiveBackup()) {
            throw OperatorException.refused("Rollback destroys " + impact.keyRows() + " encrypted keys and the model"
                    + " and config of " + impact.resourcesWithValues() + " resources, and no backup file was given."
                    + " Nothing was changed", "name a backup file, or waive the backup explicitly by typing the"
                    + " database name").withAction(RemedyAction.PROVIDE_BACKUP, "database", identity.database());
        }
        if (!request.confirmation().names(identity.database())) {
            String typed = request.confirmation().typedDatabase();
            throw OperatorException.refused("Rollback of 005 on " + identity.bannerLine()
                    + " cannot be undone and needs a confirmation naming the database" + (typed == null ? ""
                    : " (got '" + typed + "')") + ". Nothing was changed", "confirm by typing the database name "
                    + identity.database()).withAction(RemedyAction.CONFIRM_DATABASE_NAME, "database",
                    identity.database());
        }
        if (request.backupFile() != null && Files.exists(request.backupFile())) {
            throw OperatorException.usage("The backup file " + request.backupFile() + " already exists; nothing was"
                    + " rolled back", "name a new file: a backup is never overwritten");
        }
        RollbackResult result;
        try {
            result = MigrationTransaction.run(session, "rollback", request.lockTimeout(), Ending.COMMIT, connection -> {
                MigrationTransaction.execute(connection, "lock table " + variant().qualifiedKeyTable() + ","
                        + " public.x402_resources in exclusive mode"); // readers go on, writers wait
                MigrationStatusReport inside = MigrationStatus.read(connection, variant());
                requireRollbackable(inside);
                RollbackImpact locked = RollbackImpact.read(connection, variant());
                refuseIfBlocked(locked);
                RollbackBackup.Summary backup = null;
                if (request.backupFile() != null) {
                    progress.step("Writing the backup to " + request.backupFile());
                    backup = RollbackBackup.write(request.backupFile(), connection, identity, variant());
                }
                StatementTracker tracker = new StatementTracker(progress, changelog().rollbackStatements());
                try {
                    ChangelogRunner.run(connection, changelog(), Command.ROLLBACK, tracker);
                } catch (OperatorException e) {
                    tracker.finishCurrent(null);
                    throw e;
                }
                tracker.finishCurrent(null);
                boolean repaired = false;
                if (request.repairSupabaseHistory() && inside.supabaseCli().records005()) {
                    progress.step("Removing " + SchemaVariant.SUPABASE_CLI_VERSION
                            + " from the Supabase CLI's history");
                    repaired = SupabaseCliHistory.forget005(connection) > 0;
                }
                MigrationStatusReport after = MigrationStatus.read(connection, variant());
                if (after.state() != MigrationState.PENDING) {
                    throw OperatorException.failure("After the rollback the target would be " + after.summary()
                                    + ": " + MigrationService.describeDifferences(after),
                            "the transaction was rolled back; nothing changed", null);
                }
                progress.step("Committing");
                return new RollbackResult(backup, locked, tracker.runs(), MigrationService.millisSince(started),
                        after, repaired);
            });
        } catch (OperatorException e) {
            migrations.record("migration.rollback", "failed: " + e.problem(), Map.of());
            throw e;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("keyRowsDropped", result.impact().keyRows());
        details.put("resourceValuesDropped", result.impact().resourcesWithValues());
        details.put("backup", result.backup() == null ? "waived" : result.backup().file().toAbsolutePath().toString());
        details.put("backupSha256", result.backup() == null ? null : result.backup().sha256());
        details.put("schemaVariant", variant().label());
        details.put("supabaseCliRepaired", result.supabaseCliRepaired());
        details.put("supabaseCliStillRecords", result.after().supabaseCli().records005());
        migrations.record("migration.rollback", "ok", details);
        return result;
    }

    /**
     * After a rollback of a CLI-recorded 005, makes the Supabase CLI forget the version, as
     * {@code supabase migration repair --status reverted 20260128100003} would. Refused unless 005's objects are gone
     * and the CLI still records it: a version whose migration is applied is never removed.
     */
    public MigrationStatusReport repairSupabaseHistory(Confirmation confirmation, Duration lockTimeout) {
        MigrationStatusReport status = migrations.status();
        if (!status.supabaseCliNeedsRepair()) {
            throw OperatorException.refused("The Supabase CLI's history on " + migrations.targetLine()
                    + " needs no repair: " + status.supabaseCli().describe() + "; 005 is " + status.state().label()
                    + ". Nothing was changed", "repair the history only after rolling 005 back");
        }
        if (!confirmation.yes()) {
            throw OperatorException.refused("Removing " + SchemaVariant.SUPABASE_CLI_VERSION
                    + " from the Supabase CLI's history on " + migrations.targetLine() + " needs a confirmation."
                    + " Nothing was changed", "confirm the repair").withAction(RemedyAction.CONFIRM);
        }
        MigrationStatusReport after = MigrationTransaction.run(session, "repair-supabase-history", lockTimeout,
                Ending.COMMIT, connection -> {
                    MigrationStatusReport inside = MigrationStatus.read(connection, variant());
                    if (!inside.supabaseCliNeedsRepair()) {
                        throw OperatorException.refused("The Supabase CLI's history changed meanwhile: "
                                + inside.supabaseCli().describe() + ". Nothing was changed", "read the status again");
                    }
                    SupabaseCliHistory.forget005(connection);
                    return MigrationStatus.read(connection, variant());
                });
        migrations.record("migration.repair-supabase-history", "ok", Map.of("version",
                SchemaVariant.SUPABASE_CLI_VERSION));
        return after;
    }

    /**
     * Puts a backup back after 005 was applied again, in one transaction. Rows already there and identical count as
     * present; any row that differs is a conflict and nothing is restored.
     *
     * @param allowOtherTarget restore a backup taken from another database (host or name differ)
     * @param skipMissing      skip rows whose user, resource or model no longer exists instead of refusing
     */
    public RestoreResult restore(Path file, Confirmation confirmation, boolean allowOtherTarget, boolean skipMissing,
                                 Duration lockTimeout, ProgressListener progress) {
        progress.progress(0, 3, "Checking the backup " + file);
        RollbackBackup.Contents contents = RollbackBackup.read(file);
        TargetIdentity identity = session.identity();
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) contents.summary().header().getOrDefault("target", Map.of());
        // the sandbox may come back on another port after a restart: it is the same sandbox all the same
        boolean sameSandbox = identity.kind() == jobs.x402.console.target.TargetKind.SANDBOX
                && "sandbox".equals(target.get("kind")) && identity.database().equals(target.get("database"));
        boolean sameTarget = sameSandbox || (identity.database().equals(target.get("database"))
                && identity.host().equals(target.get("host"))
                && Objects.equals(identity.port(), target.get("port")));
        if (!sameTarget && !allowOtherTarget) {
            throw OperatorException.refused("The backup " + file + " was taken from " + target.get("host") + ":"
                    + target.get("port") + "/" + target.get("database") + ", not from " + identity.bannerLine()
                    + ". Nothing was restored", "if that is intended, allow a backup from another target explicitly")
                    .withAction(RemedyAction.ALLOW_OTHER_TARGET);
        }
        SchemaVariant backupVariant = RollbackBackup.variantOf(contents.summary());
        if (backupVariant != variant()) {
            throw OperatorException.refused("The backup " + file + " was taken from the " + backupVariant.label()
                    + " schema (" + backupVariant.keyTable() + "), but " + identity.bannerLine() + " has the "
                    + variant().label() + " schema (" + variant().keyTable() + "). Nothing was restored",
                    "restore it onto a database of the " + backupVariant.label() + " schema");
        }
        migrations.refuseIfLocked();
        MigrationStatusReport status = migrations.status();
        if (status.state() != MigrationState.APPLIED) {
            throw OperatorException.refused("Restore needs 005 applied, but it is " + status.summary()
                    + ". Nothing was restored", "apply migration 005 first").withAction(RemedyAction.APPLY_MIGRATION);
        }
        if (!confirmation.yes()) {
            throw OperatorException.refused("Restore writes " + contents.summary().keyRows() + " keys and "
                    + contents.summary().resourceRows() + " resource values into " + identity.bannerLine()
                    + " and needs a confirmation", "confirm the restore").withAction(RemedyAction.CONFIRM);
        }
        RestoreResult result = MigrationTransaction.run(session, "restore", lockTimeout, Ending.COMMIT,
                connection -> restoreRows(connection, contents, skipMissing, progress));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", file.toAbsolutePath().toString());
        details.put("sha256", result.sha256());
        details.put("keysRestored", result.keysRestored());
        details.put("resourcesRestored", result.resourcesRestored());
        details.put("alreadyPresent", result.alreadyPresent());
        details.put("skipped", result.skipped().size());
        migrations.record("migration.restore", "ok", details);
        return result;
    }

    private RestoreResult restoreRows(Connection connection, RollbackBackup.Contents contents, boolean skipMissing,
                                      ProgressListener progress) throws SQLException {
        MigrationStatusReport inside = MigrationStatus.read(connection, variant());
        if (inside.state() != MigrationState.APPLIED) {
            throw OperatorException.refused("Restore needs 005 applied, but it is " + inside.summary(),
                    "apply it first");
        }
        List<String> conflicts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<RollbackBackup.Row> toWrite = new ArrayList<>();
        int already = 0;
        for (RollbackBackup.Row row : contents.rows()) {
            progress.checkCancelled();
            Comparison comparison = RollbackBackup.isKeyTable(row.table()) ? compareKey(connection, row)
                    : compareResource(connection, row);
            switch (comparison.outcome()) {
                case WRITE -> toWrite.add(row);
                case IDENTICAL -> already++;
                case CONFLICT -> conflicts.add(comparison.why());
                case MISSING -> missing.add(comparison.why());
            }
        }
        if (!conflicts.isEmpty()) {
            throw OperatorException.refused(conflicts.size() + " rows of the backup differ from what the target holds"
                    + " now: " + String.join("; ", conflicts.stream().limit(20).toList()) + ". Nothing was restored",
                    "resolve those rows by hand (restore never overwrites newer values)");
        }
        if (!missing.isEmpty() && !skipMissing) {
            throw OperatorException.refused(missing.size() + " rows of the backup have nowhere to go: "
                    + String.join("; ", missing.stream().limit(20).toList()) + ". Nothing was restored",
                    "restore the rest and skip these explicitly").withAction(RemedyAction.SKIP_MISSING_ROWS);
        }
        int keys = 0;
        int resources = 0;
        int done = 0;
        for (RollbackBackup.Row row : toWrite) {
            progress.checkCancelled();
            progress.progress(++done, toWrite.size(), "Restoring " + row.table() + " rows");
            if (RollbackBackup.isKeyTable(row.table())) {
                String keyTable = variant().qualifiedKeyTable();
                try (PreparedStatement ps = connection.prepareStatement("insert into " + keyTable
                        + " select * from jsonb_populate_record(null::" + keyTable + ", ?::jsonb)")) {
                    ps.setString(1, row.json());
                    ps.executeUpdate();
                }
                keys++;
            } else {
                try (PreparedStatement ps = connection.prepareStatement("update public.x402_resources r"
                        + " set openrouter_model_id = (b.v ->> 'openrouter_model_id')::uuid,"
                        + " openrouter_config = nullif(b.v -> 'openrouter_config', 'null'::jsonb)"
                        + " from (select ?::jsonb as v) b where r.id = (b.v ->> 'id')::uuid")) {
                    ps.setString(1, row.json());
                    ps.executeUpdate();
                }
                resources++;
            }
        }
        int identical = 0;
        for (RollbackBackup.Row row : contents.rows()) {
            Comparison after = RollbackBackup.isKeyTable(row.table()) ? compareKey(connection, row)
                    : compareResource(connection, row);
            if (after.outcome() == Outcome.IDENTICAL) {
                identical++;
            }
        }
        if (identical != contents.rows().size() - missing.size()) {
            throw OperatorException.failure("Read back after the restore, " + (contents.rows().size() - identical
                    - missing.size()) + " rows differ from the backup", "the transaction was rolled back", null);
        }
        return new RestoreResult(contents.summary().file(), contents.summary().sha256(), keys, resources, already,
                List.copyOf(missing), identical);
    }

    private enum Outcome {
        WRITE, IDENTICAL, CONFLICT, MISSING
    }

    private record Comparison(Outcome outcome, String why) {
    }

    private Comparison compareKey(Connection connection, RollbackBackup.Row row) throws SQLException {
        String userId = row.parsed().path("user_id").asText();
        try (PreparedStatement ps = connection.prepareStatement("select"
                + " exists (select 1 from auth.users where id = ?::uuid),"
                + " (select to_jsonb(t) = ?::jsonb from " + variant().qualifiedKeyTable()
                + " t where t.user_id = ?::uuid)")) {
            ps.setString(1, userId);
            ps.setString(2, row.json());
            ps.setString(3, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Object same = rs.getObject(2);
                if (same == null) {
                    return rs.getBoolean(1) ? new Comparison(Outcome.WRITE, null)
                            : new Comparison(Outcome.MISSING, "key of user " + userId + ": the user no longer exists");
                }
                return (Boolean) same ? new Comparison(Outcome.IDENTICAL, null)
                        : new Comparison(Outcome.CONFLICT, "user " + userId + " has saved another key since");
            }
        }
    }

    private Comparison compareResource(Connection connection, RollbackBackup.Row row) throws SQLException {
        JsonNode parsed = row.parsed();
        String id = parsed.path("id").asText();
        String model = parsed.path("openrouter_model_id").isNull() ? null : parsed.path("openrouter_model_id").asText();
        try (PreparedStatement ps = connection.prepareStatement("select r.openrouter_model_id is null"
                + " and r.openrouter_config is null,"
                + " jsonb_build_object('id', r.id, 'openrouter_model_id', r.openrouter_model_id,"
                + " 'openrouter_config', r.openrouter_config) = ?::jsonb,"
                + " ?::uuid is null or exists (select 1 from " + variant().qualifiedModelCatalog()
                + " m where m.id = ?::uuid)"
                + " from public.x402_resources r where r.id = ?::uuid")) {
            ps.setString(1, row.json());
            ps.setString(2, model);
            ps.setString(3, model);
            ps.setString(4, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Comparison(Outcome.MISSING, "resource " + id + " no longer exists");
                }
                if (rs.getBoolean(2)) {
                    return new Comparison(Outcome.IDENTICAL, null);
                }
                if (!rs.getBoolean(1)) {
                    return new Comparison(Outcome.CONFLICT, "resource " + id + " has another model or config now");
                }
                if (!rs.getBoolean(3)) {
                    return new Comparison(Outcome.MISSING, "resource " + id + ": its model " + model
                            + " is no longer in " + variant().modelCatalog());
                }
                return new Comparison(Outcome.WRITE, null);
            }
        }
    }

    private void requireRollbackable(MigrationStatusReport status) {
        if (status.state() == MigrationState.APPLIED && !status.recorded()) {
            throw OperatorException.refused("005 on " + migrations.targetLine() + " is recorded only by the Supabase"
                    + " CLI (" + SchemaVariant.SUPABASE_CLI_VERSION + "), so Liquibase cannot roll"
                    + " it back. Nothing was changed", "adopt it first: that adds the console's own record and"
                    + " leaves the CLI's history as it is");
        }
        switch (status.state()) {
            case APPLIED, DRIFTED -> {
            }
            case APPLIED_WITHOUT_RECORD -> throw OperatorException.refused("005 is on " + migrations.targetLine()
                    + " without a Liquibase record, so Liquibase cannot roll it back. Nothing was changed",
                    "record it as applied first (adopt)").withAction(RemedyAction.ADOPT_MIGRATION);
            default -> throw OperatorException.refused("Nothing to roll back on " + migrations.targetLine()
                    + ": 005 is " + status.state().label(), "the migration status shows the evidence")
                    .withAction(RemedyAction.SHOW_MIGRATION_STATUS);
        }
    }

    private void refuseIfBlocked(RollbackImpact impact) {
        if (impact.blocked()) {
            throw OperatorException.refused(impact.blockingCount() + " resources of type openrouter_instant make the"
                    + " rollback impossible (the five-value check would reject them): " + String.join("; ",
                    impact.blockingResources().stream().limit(20).map(RollbackImpact.ResourceRow::describe).toList())
                    + ". Nothing was changed", "change their resource_type or remove them, then try again");
        }
    }
}

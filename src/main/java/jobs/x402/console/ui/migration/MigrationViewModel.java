package jobs.x402.console.ui.migration;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.Confirmation;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.migration.AdoptResult;
import jobs.x402.console.migration.ApplyResult;
import jobs.x402.console.migration.ChangelogRow;
import jobs.x402.console.migration.DryRunResult;
import jobs.x402.console.migration.LiquibaseLockRow;
import jobs.x402.console.migration.LockReport;
import jobs.x402.console.migration.MigrationHistory;
import jobs.x402.console.migration.MigrationPreview;
import jobs.x402.console.migration.MigrationStatusReport;
import jobs.x402.console.migration.ObjectCheck;
import jobs.x402.console.migration.RestoreResult;
import jobs.x402.console.migration.RollbackImpact;
import jobs.x402.console.migration.RollbackResult;
import jobs.x402.console.migration.VerificationReport;
import jobs.x402.console.migration.VerificationStep;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.session.MigrationApi;
import jobs.x402.console.session.MigrationText;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.ui.shell.ConsoleContext;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * The Migration page's state. Every change asks through {@link MigrationPrompts} first and runs through the
 * context's task runner; results land in properties on the UI thread. No toolkit is needed to drive it.
 */
public final class MigrationViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ConsoleContext context;
    private MigrationPrompts prompts;
    final ObjectProperty<MigrationStatusReport> status = new SimpleObjectProperty<>();
    final StringProperty stateBadge = new SimpleStringProperty("–");
    final StringProperty summary = new SimpleStringProperty("Connect to a database to read migration 005's state");
    final StringProperty recordLine = new SimpleStringProperty("");
    final StringProperty readAt = new SimpleStringProperty("");
    final ObservableList<ObjectCheck> evidence = FXCollections.observableArrayList();
    final StringProperty applySql = new SimpleStringProperty("");
    final StringProperty rollbackSql = new SimpleStringProperty("");
    final StringProperty previewNotes = new SimpleStringProperty("");
    final StringProperty dryRunText = new SimpleStringProperty("");
    final StringProperty resultText = new SimpleStringProperty("");
    final ObjectProperty<VerificationReport> verification = new SimpleObjectProperty<>();
    final ObservableList<VerificationStep> verificationSteps = FXCollections.observableArrayList();
    final StringProperty verificationSummary = new SimpleStringProperty("");
    final ObservableList<ChangelogRow> changelog = FXCollections.observableArrayList();
    final ObservableList<AuditLog.Entry> audit = FXCollections.observableArrayList();
    final StringProperty locksText = new SimpleStringProperty("");
    final ObjectProperty<LockReport> locks = new SimpleObjectProperty<>();
    final BooleanProperty busy = new SimpleBooleanProperty(false);

    public MigrationViewModel(ConsoleContext context, MigrationPrompts prompts) {
        this.context = context;
        this.prompts = prompts;
        // a pane computed on one target never shows under another's banner
        context.sessionProperty().addListener((obs, old, session) -> clear());
    }

    void usePrompts(MigrationPrompts newPrompts) {
        this.prompts = newPrompts;
    }

    TargetIdentity identity() {
        ConsoleSession session = context.session();
        return session == null ? null : session.identity();
    }

    private void clear() {
        status.set(null);
        stateBadge.set("–");
        summary.set(context.session() == null ? "Connect to a database to read migration 005's state" : "");
        recordLine.set("");
        readAt.set("");
        evidence.clear();
        applySql.set("");
        rollbackSql.set("");
        previewNotes.set("");
        dryRunText.set("");
        resultText.set("");
        verification.set(null);
        verificationSteps.clear();
        verificationSummary.set("");
        changelog.clear();
        audit.clear();
        locksText.set("");
        locks.set(null);
    }

    /**
     * Runs one session call; the page's buttons are disabled meanwhile so two changes never overlap from one window.
     * The session is read here, on the UI thread, and handed to the work as a value.
     */
    private <T> void run(String title, Call<T> call, Consumer<T> onSuccess) {
        ConsoleSession session = context.session();
        if (session == null || busy.get()) {
            return;
        }
        busy.set(true);
        context.tasks().run(title, progress -> call.run(session.migration(), progress), value -> {
            busy.set(false);
            onSuccess.accept(value);
        }, failure -> {
            busy.set(false);
            resultText.set("Not done: " + jobs.x402.console.ui.ErrorText.of(failure).problem());
            context.showError(failure);
        }, () -> {
            busy.set(false);
            resultText.set(title + ": cancelled; the transaction was rolled back, nothing changed.");
            context.showStatus(title + ": cancelled; the transaction was rolled back");
        });
    }

    @FunctionalInterface
    private interface Call<T> {
        T run(MigrationApi migration, ProgressListener progress) throws Exception;
    }

    void refresh() {
        run("Reading migration 005's state", (migration, progress) -> migration.status(), this::showStatus);
    }

    private void showStatus(MigrationStatusReport report) {
        status.set(report);
        stateBadge.set(report.state().label());
        summary.set(report.summary());
        recordLine.set(MigrationText.recordLine(report));
        evidence.setAll(report.objects());
        readAt.set("read at " + TIME.format(report.readAt()) + " in " + report.readMillis() + " ms");
        TargetIdentity identity = identity();
        context.showStatus("Migration 005" + (identity == null ? "" : " on " + identity.bannerLine()) + ": "
                + report.state().label());
    }

    void preview() {
        run("Generating the apply and rollback SQL", (migration, progress) -> migration.preview(), this::showPreview);
    }

    private void showPreview(MigrationPreview preview) {
        applySql.set(MigrationText.applyScript(preview));
        rollbackSql.set(MigrationText.statements(preview.rollbackStatements()));
        previewNotes.set(MigrationText.previewNotes(preview));
    }

    void dryRun() {
        run("Dry run: applying 005 inside a transaction that is rolled back",
                (migration, progress) -> migration.dryRun(MigrationApi.DEFAULT_LOCK_TIMEOUT, progress),
                this::showDryRun);
    }

    private void showDryRun(DryRunResult result) {
        String text = MigrationText.dryRun(result);
        dryRunText.set(text);
        resultText.set(text);
        context.showStatus("Dry run finished; nothing persisted");
    }

    /** Preview first; the confirmation shows exactly that SQL; apply only after a yes. */
    void apply() {
        TargetIdentity identity = identity();
        run("Generating the apply SQL", (migration, progress) -> migration.preview(), preview -> {
            showPreview(preview);
            boolean yes = prompts.confirm(identity, "Apply migration 005",
                    "Apply runs these statements on the target above as ONE transaction: either all of them or"
                            + " none. " + preview.applyNote() + " (" + preview.applyCount() + ")."
                            + (preview.firstRunNote() == null ? "" : " " + preview.firstRunNote() + "."),
                    MigrationText.applyScript(preview), "Apply");
            if (yes) {
                run("Applying migration 005", (migration, progress) -> migration.apply(new MigrationApi.ApplyRequest(
                        Confirmation.given(), null, MigrationApi.DEFAULT_LOCK_TIMEOUT), progress), this::showApply);
            }
        });
    }

    private void showApply(ApplyResult result) {
        context.databaseChanged();
        outdated("the apply");
        TargetIdentity identity = identity();
        resultText.set(MigrationText.applied(result, identity == null ? "" : identity.database()));
        showStatus(result.after());
    }

    /**
     * The database changed under the panes computed on its earlier state: a dry run or a walkthrough from before
     * would contradict the new status ("pending", yet "PASSED: all 10 steps"), so they say when they were from and
     * ask to be run again.
     */
    private void outdated(String change) {
        String at = java.time.LocalTime.now().withNano(0).toString();
        if (!dryRunText.get().isEmpty()) {
            dryRunText.set("The dry run shown before was from before " + change + " at " + at
                    + ". Run the dry run again for the database as it is now.");
        }
        if (verification.get() != null || !verificationSteps.isEmpty()) {
            verification.set(null);
            verificationSteps.clear();
            verificationSummary.set("The walkthrough shown before was from before " + change + " at " + at
                    + ". Verify again for the database as it is now.");
        }
    }

    void adopt() {
        if (!prompts.confirm(identity(), "Adopt migration 005",
                "Every object of 005 is on the target but the console's changelog has no record of it (pasted by hand,"
                        + " or recorded only by the Supabase CLI, whose history stays as it is). Adopt compares each"
                        + " object with the specification again and, only if all match, records 005 as applied"
                        + " (no schema change).", null, "Adopt")) {
            return;
        }
        run("Adopting a hand-applied 005", (migration, progress) -> migration.adopt(Confirmation.given(),
                MigrationApi.DEFAULT_LOCK_TIMEOUT, progress), this::showAdopt);
    }

    private void showAdopt(AdoptResult result) {
        context.databaseChanged();
        outdated("the adoption");
        resultText.set(MigrationText.adopted(result));
        showStatus(result.after());
    }

    /** After a rollback of a CLI-recorded 005: the CLI forgets its version, as `migration repair` would. */
    void repairSupabaseHistory() {
        if (!prompts.confirm(identity(), "Repair the Supabase CLI's history",
                "005 is rolled back, but the Supabase CLI still lists " + SchemaVariant.SUPABASE_CLI_VERSION
                        + " (add_openrouter_integration) as applied, so `supabase db push` would never apply it"
                        + " again. This removes that one version, exactly what `"
                        + MigrationText.supabaseRepairCommand() + "` does; no other version is touched.",
                "delete from supabase_migrations.schema_migrations where version = '"
                        + SchemaVariant.SUPABASE_CLI_VERSION + "';", "Repair")) {
            return;
        }
        run("Repairing the Supabase CLI's history", (migration, progress) -> migration.repairSupabaseHistory(
                Confirmation.given(), MigrationApi.DEFAULT_LOCK_TIMEOUT), after -> {
                    context.databaseChanged();
                    resultText.set(MigrationText.supabaseRepaired(after));
                    showStatus(after);
                });
    }

    void verify() {
        run("Verification walkthrough", (migration, progress) -> migration.verify(progress), this::showVerification);
    }

    private void showVerification(VerificationReport report) {
        verification.set(report);
        verificationSteps.setAll(report.steps());
        verificationSummary.set(MigrationText.verificationSummary(report));
        context.showStatus("Verification " + (report.passed() ? "passed" : "failed") + " on "
                + report.identity().bannerLine());
    }

    /** The last verification walkthrough, or null before Verify ran. */
    public VerificationReport verificationReport() {
        return verification.get();
    }

    /** Writes the last walkthrough as Markdown, in the background like every other file write. */
    public void saveReport(Path file) {
        VerificationReport report = verification.get();
        ConsoleSession session = context.session();
        if (report == null || session == null) {
            return;
        }
        context.tasks().run("Writing the verification report", progress -> session.migration()
                .writeReport(report, file), written -> context.showStatus("Verification report written to "
                + written), context::showError);
    }

    /** Impact first; the rollback form shows it before anything can be confirmed. */
    void rollback() {
        TargetIdentity identity = identity();
        run("Reading what rollback would destroy", (migration, progress) -> new ImpactAndBackup(
                migration.rollbackImpact(), migration.defaultBackupFile()), read -> prompts.askRollback(identity,
                read.impact(), read.defaultBackup()).ifPresent(choice -> rollback(choice.backupFile(),
                choice.typedDatabase())));
    }

    private record ImpactAndBackup(RollbackImpact impact, Path defaultBackup) {
    }

    void rollback(Path backupFile, String typedDatabase) {
        MigrationApi.RollbackRequest request = new MigrationApi.RollbackRequest(backupFile, backupFile == null,
                Confirmation.given(typedDatabase), MigrationApi.DEFAULT_LOCK_TIMEOUT, false);
        run("Rolling migration 005 back", (migration, progress) -> migration.rollback(request, progress),
                this::showRollback);
    }

    private void showRollback(RollbackResult result) {
        context.databaseChanged();
        outdated("the rollback");
        String advice = MigrationText.supabaseRepairAdvice(result.after());
        resultText.set(MigrationText.rolledBack(result) + (advice == null ? "" : " " + advice
                + " — Repair CLI history… does it from here."));
        showStatus(result.after());
    }

    /** Asks, then puts a chosen backup back (the step after the file chooser, which tests call directly). */
    public void restore(Path file) {
        if (!prompts.confirm(identity(), "Restore a rollback backup",
                "Restore puts the keys and resource values of " + file + " back into the target above in one"
                        + " transaction. The file's checksum and origin are checked first.", null, "Restore")) {
            return;
        }
        run("Restoring " + file.getFileName(), (migration, progress) -> migration.restore(
                new MigrationApi.RestoreRequest(file, Confirmation.given(), false, false,
                        MigrationApi.DEFAULT_LOCK_TIMEOUT), progress), this::showRestore);
    }

    private void showRestore(RestoreResult result) {
        context.databaseChanged();
        outdated("the restore");
        resultText.set(MigrationText.restored(result));
        context.showStatus("Restore finished");
        refresh();
    }

    void history() {
        run("Reading the migration history", (migration, progress) -> migration.history(), this::showHistory);
    }

    private void showHistory(MigrationHistory history) {
        changelog.setAll(history.changelog());
        audit.setAll(history.audit());
    }

    void locks() {
        run("Reading the migration locks", (migration, progress) -> migration.locks(), this::showLocks);
    }

    private void showLocks(LockReport report) {
        locks.set(report);
        locksText.set(String.join("\n", MigrationText.lockLines(report)));
    }

    void releaseStaleLock() {
        if (!prompts.confirm(identity(), "Release the Liquibase lock",
                "Release only when the holder named in the Locks tab is gone (no Liquibase or console running"
                        + " from that host). " + locksText.get(), null, "Release")) {
            return;
        }
        run("Releasing the stale Liquibase lock", (migration, progress) -> migration.releaseStaleLock(
                Confirmation.given()), (LiquibaseLockRow released) -> {
                    resultText.set(released.locked() ? "Released the Liquibase lock (was " + released.describe()
                            + ")." : "Nothing to release: the Liquibase lock was free.");
                    locks();
                });
    }
}

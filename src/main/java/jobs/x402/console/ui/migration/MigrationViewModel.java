package jobs.x402.console.ui.migration;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jobs.x402.console.core.AtomicFiles;
import jobs.x402.console.core.AuditLog;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.migration.AdoptResult;
import jobs.x402.console.migration.ApplyResult;
import jobs.x402.console.migration.ChangelogRow;
import jobs.x402.console.migration.DryRunResult;
import jobs.x402.console.migration.LiquibaseLockRow;
import jobs.x402.console.migration.LockHolder;
import jobs.x402.console.migration.LockReport;
import jobs.x402.console.migration.MigrationHistory;
import jobs.x402.console.migration.MigrationPreview;
import jobs.x402.console.migration.MigrationRollback;
import jobs.x402.console.migration.MigrationService;
import jobs.x402.console.migration.MigrationStatusReport;
import jobs.x402.console.migration.MigrationVerifier;
import jobs.x402.console.migration.ObjectCheck;
import jobs.x402.console.migration.RestoreResult;
import jobs.x402.console.migration.RollbackBackup;
import jobs.x402.console.migration.RollbackImpact;
import jobs.x402.console.migration.RollbackResult;
import jobs.x402.console.migration.VerificationReport;
import jobs.x402.console.migration.VerificationStep;
import jobs.x402.console.ui.shell.ConsoleContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

/** The Migration page's state; every service call runs on the shared executor and reports progress there. */
public final class MigrationViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    /** How long apply, adopt, rollback and restore wait for table locks before giving up with a clear message. */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);

    private final ConsoleContext context;
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

    public MigrationViewModel(ConsoleContext context) {
        this.context = context;
    }

    TargetIdentity identity() {
        DatabaseSession session = context.session();
        return session == null ? null : session.identity();
    }

    /** Where a rollback backup goes unless the operator names another file. */
    Path defaultBackupFile() {
        return RollbackBackup.defaultFile(context.home(), identity());
    }

    private MigrationService service(DatabaseSession session) {
        return new MigrationService(session, AuditLog.in(context.home()));
    }

    /**
     * Runs one service call; the page's buttons are disabled meanwhile so two changes never overlap from one window.
     */
    private <T> void run(String title, ServiceCall<T> call, Consumer<T> onSuccess) {
        DatabaseSession session = context.session();
        if (session == null || busy.get()) {
            return;
        }
        busy.set(true);
        context.tasks().run(title, progress -> call.run(session, progress), value -> {
            busy.set(false);
            onSuccess.accept(value);
        }, failure -> {
            busy.set(false);
            context.showError(failure);
        }).setOnCancelled(e -> {
            busy.set(false);
            context.showStatus(title + ": cancelled; the transaction was rolled back");
        });
    }

    @FunctionalInterface
    private interface ServiceCall<T> {
        T run(DatabaseSession session, jobs.x402.console.core.ProgressListener progress) throws Exception;
    }

    void refresh() {
        run("Reading migration 005's state", (session, progress) -> service(session).status(), this::showStatus);
    }

    private void showStatus(MigrationStatusReport report) {
        status.set(report);
        stateBadge.set(report.state().label());
        summary.set(report.summary());
        recordLine.set(recordLine(report));
        evidence.setAll(report.objects());
        readAt.set("read at " + TIME.format(report.readAt()) + " in " + report.readMillis() + " ms");
        context.showStatus("Migration 005 on " + identity().bannerLine() + ": " + report.state().label());
    }

    /** Schema variant, who records 005 and what the Supabase CLI says, in one line under the badge. */
    static String recordLine(MigrationStatusReport report) {
        String console = report.recorded() ? "console record " + report.record().dateExecuted() + " ("
                + report.record().execType() + ", deployment " + report.record().deploymentId() + ")"
                : "no console record (x402_console.databasechangelog)";
        return report.schemaVariant().label() + " schema (" + report.schemaVariant().keyTable() + ", "
                + report.schemaVariant().modelCatalog() + ") · " + console + " · " + report.supabaseCli().describe();
    }

    /** After a rollback of a CLI-recorded 005: the CLI forgets its version, as `migration repair` would. */
    void repairSupabaseHistory() {
        run("Repairing the Supabase CLI's history", (session, progress) -> new MigrationRollback(session,
                service(session)).repairSupabaseHistory(true, LOCK_TIMEOUT), after -> {
                    context.databaseChanged();
                    resultText.set("Removed " + jobs.x402.console.target.SchemaVariant.SUPABASE_CLI_VERSION
                            + " from the Supabase CLI's history: " + after.supabaseCli().describe() + ".");
                    showStatus(after);
                });
    }

    void preview() {
        run("Generating the apply and rollback SQL", (session, progress) -> service(session).preview(),
                this::showPreview);
    }

    /** Reads the preview, shows it, then hands it on (the apply confirmation shows exactly this SQL). */
    void previewThen(Consumer<MigrationPreview> next) {
        run("Generating the apply SQL", (session, progress) -> service(session).preview(), preview -> {
            showPreview(preview);
            next.accept(preview);
        });
    }

    private void showPreview(MigrationPreview preview) {
        applySql.set(applyScript(preview));
        rollbackSql.set(statements(preview.rollbackStatements()));
        previewNotes.set((preview.firstRunNote() == null ? "" : preview.firstRunNote() + ". ")
                + "Apply: " + preview.applyNote() + " (" + preview.applyCount() + "). Rollback: "
                + preview.rollbackNote() + ". " + MigrationPreview.BOOKKEEPING);
    }

    /** The apply SQL as it runs: the console's first-run bookkeeping (when any), then the migration. */
    static String applyScript(MigrationPreview preview) {
        if (preview.bookkeepingStatements().isEmpty()) {
            return statements(preview.applyStatements());
        }
        return "-- " + preview.firstRunNote() + ":\n\n" + statements(preview.bookkeepingStatements())
                + "-- Migration 005:\n\n" + statements(preview.applyStatements());
    }

    static String statements(List<String> statements) {
        StringBuilder sql = new StringBuilder();
        statements.forEach(s -> sql.append(s.strip()).append(";\n\n"));
        return sql.toString();
    }

    void dryRun() {
        run("Dry run: applying 005 inside a transaction that is rolled back",
                (session, progress) -> service(session).dryRun(LOCK_TIMEOUT, progress), this::showDryRun);
    }

    private void showDryRun(DryRunResult result) {
        String text;
        if (result.nothingToDo()) {
            text = "Nothing to do: 005 is already applied.";
        } else if (result.wouldSucceed()) {
            text = "Apply would succeed: " + result.statements().size() + " statements ran in " + result.millis()
                    + " ms and were rolled back. Nothing persisted.";
        } else {
            text = "Apply would FAIL" + (result.failed() == null ? "" : " at statement " + result.failed().number()
                    + ":\n" + result.failed().sql().strip()) + "\nDatabase error: " + result.error()
                    + "\nEverything was rolled back.";
        }
        dryRunText.set(text);
        resultText.set(text);
        context.showStatus("Dry run finished; nothing persisted");
    }

    void apply() {
        run("Applying migration 005", (session, progress) -> service(session).apply(true, LOCK_TIMEOUT, progress),
                this::showApply);
    }

    private void showApply(ApplyResult result) {
        context.databaseChanged();
        resultText.set(result.applied() ? "Applied 005: " + result.statements().size() + " statements in "
                + result.millis() + " ms, committed as one transaction." : "005 was already applied: nothing ran.");
        showStatus(result.after());
    }

    void adopt() {
        run("Adopting a hand-applied 005", (session, progress) -> service(session).adopt(true, LOCK_TIMEOUT, progress),
                this::showAdopt);
    }

    private void showAdopt(AdoptResult result) {
        context.databaseChanged();
        resultText.set(result.adopted() ? "Adopted: 005 is now recorded as applied."
                : "005 was already recorded as applied: nothing to do.");
        showStatus(result.after());
    }

    void verify() {
        run("Verification walkthrough", (session, progress) -> new MigrationVerifier(session).run(progress),
                this::showVerification);
    }

    private void showVerification(VerificationReport report) {
        verification.set(report);
        verificationSteps.setAll(report.steps());
        verificationSummary.set(report.passed() ? "PASSED: all " + report.steps().size() + " steps"
                : "FAILED: " + report.failedCount() + " of " + report.steps().size() + " steps");
        context.showStatus("Verification " + (report.passed() ? "passed" : "failed") + " on "
                + report.identity().bannerLine());
    }

    /** The last verification walkthrough, or null before Verify ran. */
    public VerificationReport verificationReport() {
        return verification.get();
    }

    /** Writes the last walkthrough as Markdown; runs on the FX thread because the file is small. */
    public void saveReport(Path file) {
        VerificationReport report = verification.get();
        if (report == null) {
            return;
        }
        AtomicFiles.write(file, report.toMarkdown().getBytes(StandardCharsets.UTF_8));
        context.showStatus("Verification report written to " + file.toAbsolutePath());
    }

    /** Reads what rollback would destroy; the rollback dialog shows it before anything can be confirmed. */
    void rollbackImpact(Consumer<RollbackImpact> next) {
        run("Reading what rollback would destroy",
                (session, progress) -> new MigrationRollback(session, service(session)).impact(), next);
    }

    void rollback(Path backupFile, String typedDatabase) {
        MigrationRollback.Request request = new MigrationRollback.Request(backupFile, backupFile == null, true,
                typedDatabase, LOCK_TIMEOUT);
        run("Rolling migration 005 back", (session, progress) -> new MigrationRollback(session, service(session))
                .rollback(request, progress), this::showRollback);
    }

    private void showRollback(RollbackResult result) {
        context.databaseChanged();
        resultText.set("Rolled back 005 in " + result.millis() + " ms; dropped " + result.impact().keyRows()
                + " keys and the model/config of " + result.impact().resourcesWithValues() + " resources. "
                + (result.backup() == null ? "Backup: waived." : "Backup: " + result.backup().file().toAbsolutePath()
                + " (sha256 " + result.backup().sha256() + ")")
                + (result.supabaseCliNeedsRepair() ? " The Supabase CLI still records "
                + jobs.x402.console.target.SchemaVariant.SUPABASE_CLI_VERSION + " as applied: repair its history (Repair CLI"
                + " history…, or `" + jobs.x402.console.migration.SupabaseCliHistory.repairCommand()
                + "` in your repository)." : ""));
        showStatus(result.after());
    }

    void restore(Path file) {
        run("Restoring " + file.getFileName(), (session, progress) -> new MigrationRollback(session,
                service(session)).restore(file, true, false, false, LOCK_TIMEOUT, progress), this::showRestore);
    }

    private void showRestore(RestoreResult result) {
        context.databaseChanged();
        resultText.set("Restored " + result.keysRestored() + " keys and the model/config of "
                + result.resourcesRestored() + " resources from " + result.file() + "; " + result.alreadyPresent()
                + " rows were already there; " + result.identical() + " rows now identical to the backup"
                + (result.skipped().isEmpty() ? "." : "; skipped: " + String.join("; ", result.skipped())));
        context.showStatus("Restore finished");
    }

    void history() {
        run("Reading the migration history", (session, progress) -> service(session).history(), this::showHistory);
    }

    private void showHistory(MigrationHistory history) {
        changelog.setAll(history.changelog());
        audit.setAll(history.audit());
    }

    void locks() {
        run("Reading the migration locks", (session, progress) -> service(session).locks(), this::showLocks);
    }

    private void showLocks(LockReport report) {
        locks.set(report);
        StringBuilder text = new StringBuilder("Liquibase lock: ").append(report.liquibase().describe()).append('\n');
        if (report.consoleHolders().isEmpty()) {
            text.append("Console lock: free\n");
        } else {
            report.consoleHolders().forEach(h -> text.append("Console lock: held by ").append(h.describe())
                    .append('\n'));
        }
        for (LockHolder h : report.sessionsFromLockHost()) {
            text.append("Live session from the Liquibase lock's host: ").append(h.describe()).append('\n');
        }
        if (report.liquibaseLockPossiblyStale()) {
            text.append("No console is at work: if that Liquibase run is gone, release its lock.");
        }
        locksText.set(text.toString());
    }

    void releaseStaleLock() {
        run("Releasing the stale Liquibase lock", (session, progress) -> service(session).releaseStaleLock(true),
                (LiquibaseLockRow released) -> {
                    resultText.set(released.locked() ? "Released the Liquibase lock (was " + released.describe()
                            + ")." : "Nothing to release: the Liquibase lock was free.");
                    locks();
                });
    }
}

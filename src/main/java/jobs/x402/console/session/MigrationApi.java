package jobs.x402.console.session;

import jobs.x402.console.core.AtomicFiles;
import jobs.x402.console.core.Confirmation;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.migration.AdoptResult;
import jobs.x402.console.migration.ApplyResult;
import jobs.x402.console.migration.DryRunResult;
import jobs.x402.console.migration.LiquibaseLockRow;
import jobs.x402.console.migration.LockReport;
import jobs.x402.console.migration.MigrationHistory;
import jobs.x402.console.migration.MigrationPreview;
import jobs.x402.console.migration.MigrationRollback;
import jobs.x402.console.migration.MigrationService;
import jobs.x402.console.migration.MigrationStatusReport;
import jobs.x402.console.migration.MigrationVerifier;
import jobs.x402.console.migration.RestoreResult;
import jobs.x402.console.migration.RollbackBackup;
import jobs.x402.console.migration.RollbackImpact;
import jobs.x402.console.migration.RollbackResult;
import jobs.x402.console.migration.VerificationReport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** Migration 005 on the session's target: read, preview, dry run, apply or adopt, verify, roll back, restore. */
public final class MigrationApi {
    public static final int DEFAULT_LOCK_TIMEOUT_SECONDS = MigrationService.DEFAULT_LOCK_TIMEOUT_SECONDS;
    public static final Duration DEFAULT_LOCK_TIMEOUT = MigrationService.DEFAULT_LOCK_TIMEOUT;

    private final ConsoleSession session;

    MigrationApi(ConsoleSession session) {
        this.session = session;
    }

    private MigrationService service() {
        return new MigrationService(session.database(), session.audit());
    }

    private MigrationRollback rollbacks() {
        return new MigrationRollback(session.database(), service());
    }

    /** @param recordSupabaseVersion also record this version in the Supabase CLI's history; null for none */
    public record ApplyRequest(Confirmation confirmation, String recordSupabaseVersion, Duration lockTimeout) {
        public ApplyRequest {
            confirmation = confirmation == null ? Confirmation.none() : confirmation;
            lockTimeout = lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : lockTimeout;
        }

        public static ApplyRequest confirmed() {
            return new ApplyRequest(Confirmation.given(), null, DEFAULT_LOCK_TIMEOUT);
        }
    }

    /**
     * @param backupFile  where the backup of what rollback destroys goes; null only when the backup is waived
     * @param waiveBackup go without a backup (the confirmation must name the database)
     */
    public record RollbackRequest(Path backupFile, boolean waiveBackup, Confirmation confirmation,
                                  Duration lockTimeout, boolean repairSupabaseHistory) {
        public RollbackRequest {
            confirmation = confirmation == null ? Confirmation.none() : confirmation;
            lockTimeout = lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : lockTimeout;
        }
    }

    /**
     * @param allowOtherTarget accept a backup taken from another database
     * @param skipMissing      skip rows whose user, resource or model is gone instead of refusing
     */
    public record RestoreRequest(Path file, Confirmation confirmation, boolean allowOtherTarget, boolean skipMissing,
                                 Duration lockTimeout) {
        public RestoreRequest {
            confirmation = confirmation == null ? Confirmation.none() : confirmation;
            lockTimeout = lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : lockTimeout;
        }
    }

    public MigrationStatusReport status() {
        return service().status();
    }

    public MigrationPreview preview() {
        return service().preview();
    }

    public DryRunResult dryRun(Duration lockTimeout, ProgressListener progress) {
        return service().dryRun(lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : lockTimeout, progress);
    }

    public ApplyResult apply(ApplyRequest request, ProgressListener progress) {
        return service().apply(request.confirmation(), request.recordSupabaseVersion(), request.lockTimeout(),
                progress);
    }

    public AdoptResult adopt(Confirmation confirmation, Duration lockTimeout, ProgressListener progress) {
        return service().adopt(confirmation, lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : lockTimeout, progress);
    }

    public VerificationReport verify(ProgressListener progress) {
        return new MigrationVerifier(session.database()).run(progress);
    }

    /** Writes a walkthrough as Markdown (private file, written whole or not at all). */
    public Path writeReport(VerificationReport report, Path file) {
        AtomicFiles.write(file, report.toMarkdown().getBytes(StandardCharsets.UTF_8));
        return file.toAbsolutePath();
    }

    public RollbackImpact rollbackImpact() {
        return rollbacks().impact();
    }

    public RollbackResult rollback(RollbackRequest request, ProgressListener progress) {
        return rollbacks().rollback(new MigrationRollback.Request(request.backupFile(), request.waiveBackup(),
                request.confirmation(), request.lockTimeout(), request.repairSupabaseHistory()), progress);
    }

    /** Makes the Supabase CLI forget 005's version after a rollback (refused while 005 is there). */
    public MigrationStatusReport repairSupabaseHistory(Confirmation confirmation, Duration lockTimeout) {
        return rollbacks().repairSupabaseHistory(confirmation, lockTimeout == null ? DEFAULT_LOCK_TIMEOUT
                : lockTimeout);
    }

    public RestoreResult restore(RestoreRequest request, ProgressListener progress) {
        return rollbacks().restore(request.file(), request.confirmation(), request.allowOtherTarget(),
                request.skipMissing(), request.lockTimeout(), progress);
    }

    public MigrationHistory history() {
        return service().history();
    }

    public LockReport locks() {
        return service().locks();
    }

    public LiquibaseLockRow releaseStaleLock(Confirmation holderGone) {
        return service().releaseStaleLock(holderGone);
    }

    /** Where a rollback backup goes unless the operator names another file. */
    public Path defaultBackupFile() {
        return RollbackBackup.defaultFile(session.environment().home(), session.identity());
    }

    /** This machine's audit log, where every change is recorded. */
    public Path auditFile() {
        return session.audit().file();
    }
}

package jobs.x402.console.ui.migration;

import jobs.x402.console.migration.RollbackImpact;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.ui.Dialogs;

import java.nio.file.Path;
import java.util.Optional;

/** What the Migration page asks: the shared confirmation, and the guarded rollback form. */
public interface MigrationPrompts extends Dialogs {

    /** What the rollback form collected: a backup file (null: waived) and the database name typed. */
    record RollbackChoice(Path backupFile, String typedDatabase) {
    }

    /** Impact first, then a backup file or an explicit waiver, then the database name; empty when cancelled. */
    Optional<RollbackChoice> askRollback(TargetIdentity target, RollbackImpact impact, Path defaultBackup);
}

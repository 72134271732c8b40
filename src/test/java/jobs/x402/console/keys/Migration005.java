package jobs.x402.console.keys;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.migration.MigrationService;
import jobs.x402.console.testing.TestDatabase;

import java.nio.file.Files;
import java.time.Duration;

/** Applies migration 005 to a test database through the migration engine, so the key table exists. */
public final class Migration005 {
    private Migration005() {
    }

    public static void apply(TestDatabase db) throws Exception {
        try (DatabaseSession session = db.openSession()) {
            AuditLog audit = new AuditLog(Files.createTempFile("migration-audit", ".jsonl"));
            new MigrationService(session, audit).apply(jobs.x402.console.core.Confirmation.given(), Duration.ofSeconds(10), ProgressListener.NONE);
        }
    }
}

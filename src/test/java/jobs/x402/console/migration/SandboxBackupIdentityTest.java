package jobs.x402.console.migration;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.target.TargetKind;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** A sandbox is the same target after a restart on another port: its backups restore without an override. */
@ExtendWith(DatabaseExtension.class)
class SandboxBackupIdentityTest {
    @TempDir
    Path home;

    @Test
    void aBackupOfTheSandboxTakenOnAnotherPortRestoresWithoutOverride(TestDatabase db) throws Exception {
        try (DatabaseSession session = db.openSession()) {
            Assumptions.assumeTrue(session.identity().kind() == TargetKind.SANDBOX, "the embedded server only");
            MigrationService service = MigrationFixtures.service(session, home);
            MigrationFixtures.apply(service);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("insert into public.user_openrouter_integrations (user_id, encrypted_api_key) values ('"
                        + MigrationFixtures.ALICE + "', '" + MigrationFixtures.ALICE_CIPHERTEXT + "')");
            }
            MigrationRollback rollback = new MigrationRollback(session, service);
            Path backup = home.resolve("sandbox.jsonl");
            rollback.rollback(new MigrationRollback.Request(backup, false, jobs.x402.console.core.Confirmation.given(db.name()),
                    MigrationFixtures.LOCK_TIMEOUT), ProgressListener.NONE);
            Path moved = onAnotherPort(backup, session.identity().port() + 1);
            MigrationFixtures.apply(service);
            RestoreResult restored = rollback.restore(moved, jobs.x402.console.core.Confirmation.given(), false, false, MigrationFixtures.LOCK_TIMEOUT,
                    ProgressListener.NONE);
            assertThat(restored.keysRestored()).isEqualTo(1);
        }
    }

    /** The same backup as if the sandbox had run on another port when it was taken (checksum made anew). */
    private Path onAnotherPort(Path backup, int port) throws Exception {
        String text = Files.readString(backup, StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        lines[0] = lines[0].replaceFirst("\"port\":\\d+", "\"port\":" + port);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines.length - 1; i++) {
            body.append(lines[i]).append('\n');
        }
        String trailer = lines[lines.length - 1].replaceFirst("\"sha256\":\"[0-9a-f]+\"", "\"sha256\":\""
                + RollbackBackup.sha256(body.toString().getBytes(StandardCharsets.UTF_8)) + "\"");
        Path moved = home.resolve("sandbox-other-port.jsonl");
        Files.writeString(moved, body + trailer + "\n");
        return moved;
    }
}

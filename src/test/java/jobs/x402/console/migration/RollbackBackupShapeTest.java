package jobs.x402.console.migration;

import jobs.x402.console.core.OperatorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The backup's checksum has no key, so anyone who edits a backup can write a fresh one. Restore therefore checks every
 * value's shape before it writes anything, and never reads a device or an oversized file into memory.
 */
class RollbackBackupShapeTest {
    private static final String HEADER = "{\"format\":\"" + RollbackBackup.FORMAT + "\",\"formatVersion\":1}";
    private static final String USER = "11111111-1111-4111-8111-111111111111";

    @TempDir
    Path dir;

    /** A backup with a valid checksum over whatever rows it is given, as an editor could make one. */
    private Path rechecksummed(String... rows) throws Exception {
        StringBuilder body = new StringBuilder(HEADER).append('\n');
        long keys = 0;
        long resources = 0;
        for (String row : rows) {
            body.append(row).append('\n');
            if (row.contains("\"table\":\"x402_resources\"")) {
                resources++;
            } else {
                keys++;
            }
        }
        String sha = RollbackBackup.sha256(body.toString().getBytes(StandardCharsets.UTF_8));
        body.append("{\"end\":true,\"keyRows\":").append(keys).append(",\"resourceRows\":").append(resources)
                .append(",\"sha256\":\"").append(sha).append("\"}\n");
        Path file = dir.resolve("edited-" + System.nanoTime() + ".jsonl");
        Files.writeString(file, body.toString());
        return file;
    }

    private static String keyRow(String value) {
        return "{\"table\":\"user_openrouter_integrations\",\"row\":{\"user_id\":\"" + USER
                + "\",\"encrypted_api_key\":\"" + value + "\"}}";
    }

    @Test
    void aWellFormedBackupIsRead() throws Exception {
        Path file = rechecksummed(keyRow("0123456789abcdef0123456789abcdef:00112233445566778899aabbccddeeff"));
        assertThat(RollbackBackup.read(file).rows()).hasSize(1);
    }

    @Test
    void aKeyInClearOrAnyNonCiphertextIsRefusedThoughTheChecksumMatches() throws Exception {
        for (String value : new String[] {"sk-or-v1-" + "ab".repeat(32), "aa:bb",
                "0123456789ABCDEF0123456789ABCDEF:00112233445566778899aabbccddeeff",
                "0123456789abcdef0123456789abcdef:0011"}) {
            Path file = rechecksummed(keyRow(value));
            assertThatThrownBy(() -> RollbackBackup.read(file)).as(value).isInstanceOf(OperatorException.class)
                    .hasMessageContaining("not ciphertext").hasMessageNotContaining(value);
        }
    }

    @Test
    void aResourceRowWithABadModelIdOrConfigIsRefused() throws Exception {
        Path badModel = rechecksummed("{\"table\":\"x402_resources\",\"row\":{\"id\":\"" + USER
                + "\",\"openrouter_model_id\":\"not-a-uuid\",\"openrouter_config\":null}}");
        assertThatThrownBy(() -> RollbackBackup.read(badModel)).hasMessageContaining("openrouter_model_id");
        Path badConfig = rechecksummed("{\"table\":\"x402_resources\",\"row\":{\"id\":\"" + USER
                + "\",\"openrouter_model_id\":null,\"openrouter_config\":\"a string\"}}");
        assertThatThrownBy(() -> RollbackBackup.read(badConfig)).hasMessageContaining("not a JSON object");
    }

    @Test
    void aDeviceIsRefusedWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "needs /dev/zero");
        assertThatThrownBy(() -> RollbackBackup.read(zero)).isInstanceOf(OperatorException.class)
                .hasMessageContaining("not a regular file");
    }
}

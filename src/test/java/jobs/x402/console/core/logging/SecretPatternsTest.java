package jobs.x402.console.core.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretPatternsTest {

    @Test
    void masksEveryKnownSecretShape() {
        String line = "key sk-or-v1-0123456789abcdef0123456789abcdef url postgresql://u:hunter2@h/db "
                + "jdbc:postgresql://h/db?password=pw123&x=1 Authorization: Bearer abcdefghijklmnop "
                + "stored 00112233445566778899aabbccddeeff:00112233445566778899aabbccddeeff";
        String masked = SecretPatterns.mask(line);
        assertThat(masked).doesNotContain("0123456789abcdef0123456789abcdef", "hunter2", "pw123", "abcdefghijklmnop",
                "00112233445566778899aabbccddeeff:");
        assertThat(masked).contains("sk-or-***", "u:***@h", "password=***", "Bearer ***", "<encrypted value>");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "Connected to localhost:5432 · postgres · PostgreSQL 17.6";
        assertThat(SecretPatterns.mask(text)).isEqualTo(text);
    }
}

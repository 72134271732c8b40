package jobs.x402.console.keys;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One line of the key list. It never holds the key: only its masked form ({@code sk-or-v1-…ab12}), and that only
 * when the value decrypted.
 *
 * @param decryptStatus null when no secret was loaded
 * @param maskedKey     empty unless the value decrypted to a key
 */
public record KeyRow(UUID userId, String email, KeyStatus status, DecryptStatus decryptStatus, String maskedKey,
                     Boolean valid, Boolean enabled, OffsetDateTime lastVerifiedAt, OffsetDateTime createdAt,
                     OffsetDateTime updatedAt) {
}

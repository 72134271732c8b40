package jobs.x402.console.keys;

import java.util.UUID;

/** A row the current secret cannot decrypt: rotation lists these and leaves them alone only when told to. */
public record UndecryptableRow(EncryptedKeyTable table, UUID userId, DecryptStatus status) {
}

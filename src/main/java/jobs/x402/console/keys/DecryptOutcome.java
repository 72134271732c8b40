package jobs.x402.console.keys;

import jobs.x402.console.core.Secret;

import java.util.Objects;

/**
 * The result of decrypting one stored value: a {@link DecryptStatus}, a detail that names sizes or positions (never
 * content), and the plaintext only when the status is {@link DecryptStatus#OK}. Close it to wipe the plaintext.
 */
public final class DecryptOutcome implements AutoCloseable {
    private final DecryptStatus status;
    private final String detail;
    private final Secret plaintext;

    private DecryptOutcome(DecryptStatus status, String detail, Secret plaintext) {
        this.status = Objects.requireNonNull(status);
        this.detail = detail == null ? "" : detail;
        this.plaintext = plaintext;
    }

    static DecryptOutcome ok(Secret plaintext) {
        return new DecryptOutcome(DecryptStatus.OK, "", Objects.requireNonNull(plaintext));
    }

    static DecryptOutcome failed(DecryptStatus status, String detail) {
        if (status == DecryptStatus.OK) {
            throw new IllegalArgumentException("a failed outcome needs a failure status");
        }
        return new DecryptOutcome(status, detail, null);
    }

    public DecryptStatus status() {
        return status;
    }

    public boolean isOk() {
        return status == DecryptStatus.OK;
    }

    /** Sizes or positions that explain the status, e.g. "IV is 12 bytes"; empty when there is nothing to add. */
    public String detail() {
        return detail;
    }

    /** The decrypted key; only for {@link DecryptStatus#OK}. */
    public Secret plaintext() {
        if (plaintext == null) {
            throw new IllegalStateException("no plaintext: the value " + status.description());
        }
        return plaintext;
    }

    /** One operator-facing sentence, e.g. "The stored value has an IV that is not 16 bytes (IV is 12 bytes)". */
    public String message() {
        return "The stored value " + status.description() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    @Override
    public void close() {
        if (plaintext != null) {
            plaintext.clear();
        }
    }

    @Override
    public String toString() {
        return "DecryptOutcome[" + status + (detail.isEmpty() ? "" : ", " + detail) + "]";
    }
}

package jobs.x402.console.keys;

/** What OpenRouter's GET /key said of a key, or why it could not say. */
public enum KeyVerdict {
    /** 200: the key works. */
    VALID("valid", true, true),
    /** 200, but a limit is set and nothing of it is left: every paid call fails with 402 until it resets. */
    LIMIT_USED_UP("valid, but its limit is used up", true, true),
    /** 200, but {@code expires_at} has passed: the key no longer runs anything. */
    EXPIRED("expired", true, false),
    /** 200 for a management (provisioning) key: it manages keys and cannot run a resource. */
    MANAGEMENT_KEY("a management key, which cannot run resources", true, false),
    /** 401 (or 403): OpenRouter does not accept the key. */
    INVALID("invalid", true, false),
    /** 402: the key is real but its account has no credits; it stays valid. */
    NO_CREDITS("valid, no credits", true, true),
    /** The stored value did not decrypt with the loaded secret; nothing was sent. */
    UNDECRYPTABLE("undecryptable", false, false),
    /** No usable answer (down, rate limited past the retries, garbage, timeout): nothing is recorded. */
    UNAVAILABLE("not checked: OpenRouter unavailable", false, false),
    /** The row was deleted or its key replaced by someone else while it was being checked. */
    CHANGED("changed meanwhile", false, false),
    /** The operator cancelled before this key's turn. */
    SKIPPED("skipped", false, false);

    private final String text;
    private final boolean recordsVerification;
    private final boolean keyIsValid;

    KeyVerdict(String text, boolean recordsVerification, boolean keyIsValid) {
        this.text = text;
        this.recordsVerification = recordsVerification;
        this.keyIsValid = keyIsValid;
    }

    public String text() {
        return text;
    }

    /** True when OpenRouter answered about the key, so is_valid and last_verified_at are written. */
    public boolean recordsVerification() {
        return recordsVerification;
    }

    public boolean keyIsValid() {
        return keyIsValid;
    }

    /** The verdict for a 200 of GET /key, from its fields (a 200 alone does not mean the key can pay for a call). */
    public static KeyVerdict of(jobs.x402.console.openrouter.KeyInfo info, java.time.Instant now) {
        if (info.isManagementKey()) {
            return MANAGEMENT_KEY;
        }
        if (info.expiredAt(now)) {
            return EXPIRED;
        }
        return info.limitUsedUp() ? LIMIT_USED_UP : VALID;
    }

    /** True for the verdicts a batch counts as a failed check (CLI exit 1). */
    public boolean isProblem() {
        return this != VALID && this != NO_CREDITS && this != SKIPPED;
    }
}

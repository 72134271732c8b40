package jobs.x402.console.keys;

/**
 * Every way a stored {@code ivhex:cthex} value can come out of {@link IntegrationCipher#decrypt}; each has a
 * sentence an operator can act on and a category the keys page groups by.
 */
public enum DecryptStatus {
    OK(Category.OK, "decrypts to a key"),
    /** The most urgent finding: a key in the column in clear, readable by anyone who can read the table. */
    STORED_IN_CLEAR(Category.CLEARTEXT, "is an API key stored UNENCRYPTED: the most urgent finding, to fix first by"
            + " saving the key again through the console, which encrypts it"),
    EMPTY(Category.NO_VALUE, "no value is stored (null or empty)"),
    NOT_TWO_PARTS(Category.MALFORMED, "is not two non-empty parts 'iv:ciphertext'"),
    NOT_HEX(Category.MALFORMED, "contains characters that are not hexadecimal"),
    ODD_LENGTH(Category.MALFORMED, "has a hex part of odd length"),
    IV_NOT_16_BYTES(Category.MALFORMED, "has an IV that is not 16 bytes (32 hex characters)"),
    CIPHERTEXT_NOT_BLOCK_MULTIPLE(Category.MALFORMED, "has a ciphertext that is not a multiple of 16 bytes"),
    BAD_PADDING(Category.WRONG_SECRET, "fails the padding check — likely the wrong secret"),
    NOT_UTF8(Category.WRONG_SECRET, "decrypted to bytes that are not UTF-8 text — likely the wrong secret"),
    /** Valid padding and UTF-8 text: the secret is right, the text is no key (saved with the shape check overridden). */
    NOT_AN_OPENROUTER_KEY(Category.NOT_A_KEY,
            "decrypts with this secret, but to text that is not a key (saved with the shape check overridden?)");

    /** How the keys page and the scan report group outcomes. */
    public enum Category {
        OK, CLEARTEXT, NO_VALUE, MALFORMED, WRONG_SECRET, NOT_A_KEY
    }

    private final Category category;
    private final String description;

    DecryptStatus(Category category, String description) {
        this.category = category;
        this.description = description;
    }

    public Category category() {
        return category;
    }

    /** Completes the sentence "The stored value …"; never contains data from the value itself. */
    public String description() {
        return description;
    }

    public boolean isOk() {
        return this == OK;
    }
}

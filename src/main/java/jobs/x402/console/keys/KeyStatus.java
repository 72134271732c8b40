package jobs.x402.console.keys;

/** A key's health as the list shows it: a decrypt outcome's category, or no secret to try. */
public enum KeyStatus {
    OK("ok"),
    STORED_IN_CLEAR("STORED IN CLEAR"),
    NOT_A_KEY("decrypts, but not a key"),
    WRONG_SECRET("wrong secret"),
    MALFORMED("malformed"),
    NO_VALUE("no value"),
    NO_SECRET_LOADED("no secret loaded");

    private final String text;

    KeyStatus(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean isProblem() {
        return this == STORED_IN_CLEAR || this == WRONG_SECRET || this == MALFORMED || this == NO_VALUE
                || this == NOT_A_KEY;
    }

    public static KeyStatus of(DecryptStatus status) {
        return switch (status.category()) {
            case OK -> OK;
            case CLEARTEXT -> STORED_IN_CLEAR;
            case NOT_A_KEY -> NOT_A_KEY;
            case WRONG_SECRET -> WRONG_SECRET;
            case MALFORMED -> MALFORMED;
            case NO_VALUE -> NO_VALUE;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}

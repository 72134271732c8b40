package jobs.x402.console.keys;

import java.util.Locale;

/**
 * The columns that hold values under the integration secret (x402-backend.md §3). Rotation re-encrypts any of them;
 * the keys page and verification work on the OpenRouter one.
 */
public enum EncryptedKeyTable {
    OPENROUTER("openrouter", "user_openrouter_integrations", "encrypted_api_key", PlaintextShape.OPENROUTER_KEY),
    CLAUDE("claude", "x402_user_claude_configs", "api_key_encrypted", PlaintextShape.API_TOKEN);

    private final String label;
    private final String table;
    private final String column;
    private final PlaintextShape shape;

    EncryptedKeyTable(String label, String table, String column, PlaintextShape shape) {
        this.label = label;
        this.table = table;
        this.column = column;
        this.shape = shape;
    }

    /** The short name the CLI takes ({@code --table openrouter}). */
    public String label() {
        return label;
    }

    /** Schema-qualified table name, safe to put into SQL (it is one of these constants, never input). */
    public String qualifiedTable() {
        return "public." + table;
    }

    public String column() {
        return column;
    }

    /** What a correctly decrypted value of this column looks like. */
    public PlaintextShape shape() {
        return shape;
    }

    /** "user_openrouter_integrations.encrypted_api_key", for messages. */
    public String describe() {
        return table + "." + column;
    }

    public static EncryptedKeyTable fromLabel(String text) {
        for (EncryptedKeyTable value : values()) {
            if (value.label.equals(text.toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new IllegalArgumentException("no encrypted key table named '" + text + "' (openrouter, claude)");
    }
}

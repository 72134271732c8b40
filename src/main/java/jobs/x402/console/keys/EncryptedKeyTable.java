package jobs.x402.console.keys;

import jobs.x402.console.target.SchemaVariant;

import java.util.List;
import java.util.Locale;

/**
 * The columns that hold values under the integration secret (docs/backend-behaviour.md §3). Rotation re-encrypts any of them;
 * the keys page and verification work on the OpenRouter one, whose table the target's schema variant names
 * ({@code user_openrouter_integrations} or {@code x402_user_openrouter_integrations}).
 *
 * @param label the short name the CLI takes ({@code --table openrouter})
 * @param table the table in schema public
 */
public record EncryptedKeyTable(String label, String table, String column, PlaintextShape shape) {
    public static final String OPENROUTER_LABEL = "openrouter";
    /** Migration 002's Claude keys: the same scheme, the same name in every variant. */
    public static final EncryptedKeyTable CLAUDE = new EncryptedKeyTable("claude", "x402_user_claude_configs",
            "api_key_encrypted", PlaintextShape.API_TOKEN);

    /** Migration 005's key table as the target's schema variant names it. */
    public static EncryptedKeyTable openRouter(SchemaVariant variant) {
        return new EncryptedKeyTable(OPENROUTER_LABEL, variant.keyTable(), "encrypted_api_key",
                PlaintextShape.OPENROUTER_KEY);
    }

    /** Every encrypted column of a target of this variant, OpenRouter's first. */
    public static List<EncryptedKeyTable> all(SchemaVariant variant) {
        return List.of(openRouter(variant), CLAUDE);
    }

    public boolean isOpenRouter() {
        return OPENROUTER_LABEL.equals(label);
    }

    /** Schema-qualified table name, safe to put into SQL (built from constants, never from input). */
    public String qualifiedTable() {
        return "public." + table;
    }

    /** "x402_user_openrouter_integrations.encrypted_api_key", for messages. */
    public String describe() {
        return table + "." + column;
    }

    /** Whether the CLI's {@code --table} value names a table, before any target (and so any variant) is known. */
    public static boolean isLabel(String text) {
        String label = text.toLowerCase(Locale.ROOT);
        return label.equals(OPENROUTER_LABEL) || label.equals(CLAUDE.label);
    }

    public static EncryptedKeyTable fromLabel(String text, SchemaVariant variant) {
        for (EncryptedKeyTable value : all(variant)) {
            if (value.label.equals(text.toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new IllegalArgumentException("no encrypted key table named '" + text + "' (openrouter, claude)");
    }

    @Override
    public String toString() {
        return describe();
    }
}

package jobs.x402.console.target;

import jobs.x402.console.core.OperatorException;

import java.util.Locale;

/**
 * The two shapes of migration 005 found in the wild. {@code seed} is the specification's (the monorepo's
 * 005_add_openrouter_integration.sql: {@code user_openrouter_integrations}, catalog {@code ai_models});
 * {@code shipped} is the public repository's, which the live backend reads and writes
 * ({@code x402_user_openrouter_integrations}, catalog {@code x402_openrouter_models}, no {@code ai_models}).
 * Policies, indexes, trigger, function and check are the same in both. Every table name a feature uses comes from
 * the target's variant, never from a constant of its own.
 */
public enum SchemaVariant {
    SEED("seed", "user_openrouter_integrations", "ai_models"),
    SHIPPED("shipped", "x402_user_openrouter_integrations", "x402_openrouter_models");

    /** The Supabase CLI's version of the shipped migration in the public repository (supabase/migrations). */
    public static final String SUPABASE_CLI_VERSION = "20260128100003";
    public static final String SUPABASE_CLI_NAME = "add_openrouter_integration";

    private final String label;
    private final String keyTable;
    private final String modelCatalog;

    SchemaVariant(String label, String keyTable, String modelCatalog) {
        this.label = label;
        this.keyTable = keyTable;
        this.modelCatalog = modelCatalog;
    }

    /** "seed" or "shipped", as the JSON output and the option spell it. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return label;
    }

    /** The table of encrypted OpenRouter keys (in schema public). */
    public String keyTable() {
        return keyTable;
    }

    public String qualifiedKeyTable() {
        return "public." + keyTable;
    }

    /** The OpenRouter model catalog that x402_resources.openrouter_model_id references (in schema public). */
    public String modelCatalog() {
        return modelCatalog;
    }

    public String qualifiedModelCatalog() {
        return "public." + modelCatalog;
    }

    /** The variant whose key table or catalog this is, if any: for names read from Hibernate's mapping. */
    public String rename(String seedTableName) {
        if (SEED.keyTable.equals(seedTableName)) {
            return keyTable;
        }
        if (SEED.modelCatalog.equals(seedTableName)) {
            return modelCatalog;
        }
        return seedTableName;
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static SchemaVariant parse(String text) {
        for (SchemaVariant variant : values()) {
            if (variant.label.equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return variant;
            }
        }
        throw OperatorException.usage("'" + text + "' is not a schema variant",
                "choose seed (user_openrouter_integrations, ai_models) or shipped"
                        + " (x402_user_openrouter_integrations, x402_openrouter_models)");
    }

    @Override
    public String toString() {
        return label;
    }
}

package jobs.x402.console.migration;

import jobs.x402.console.target.SchemaVariant;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What migration 005 builds, object by object, written the way PostgreSQL's catalog functions print it
 * (format_type, pg_get_expr, pg_get_constraintdef, pg_get_indexdef) so the status can compare text with text.
 * The names that differ between the two schema variants (key table, model catalog) come from {@link SchemaVariant}.
 */
final class MigrationSpec {
    public static final String SCHEMA = "public";
    public static final String RESOURCES_TABLE = "x402_resources";
    public static final String USER_POLICY = "Users can manage their own OpenRouter config";
    public static final String SERVICE_POLICY = "Service role full access on OpenRouter";
    public static final String KEY_INDEX = "idx_openrouter_integrations_user_enabled";
    public static final String MODEL_INDEX = "idx_x402_resources_openrouter_model";
    public static final String FUNCTION = "update_openrouter_integration_updated_at";
    public static final String TRIGGER = "openrouter_integration_updated_at";
    public static final String TYPE_CHECK = "x402_resources_resource_type_check";
    public static final String MODEL_COLUMN = "openrouter_model_id";
    public static final String CONFIG_COLUMN = "openrouter_config";
    public static final String INSTANT_TYPE = "openrouter_instant";

    public static final Set<String> TYPES_BEFORE = Set.of("external", "proxy", "prompt", "static", "prompt_template");
    public static final Set<String> TYPES_AFTER = Set.of("external", "proxy", "prompt", "static", "prompt_template",
            INSTANT_TYPE);

    /** A column as the catalog describes it: "boolean DEFAULT true", "uuid NOT NULL". */
    public record ColumnSpec(String name, String type, boolean notNull, String defaultExpression) {
        public String describe() {
            return MigrationSpec.describeColumn(type, notNull, defaultExpression);
        }
    }

    public record PolicySpec(String name, String command, String roles, String using, String withCheck) {
        public String describe() {
            return MigrationSpec.describePolicy(command, true, roles, using, withCheck);
        }
    }

    public static final List<ColumnSpec> KEY_COLUMNS = List.of(
            new ColumnSpec("user_id", "uuid", true, null),
            new ColumnSpec("encrypted_api_key", "text", true, null),
            new ColumnSpec("is_valid", "boolean", false, "true"),
            new ColumnSpec("last_verified_at", "timestamp with time zone", false, null),
            new ColumnSpec("is_enabled", "boolean", false, "true"),
            new ColumnSpec("created_at", "timestamp with time zone", false, "now()"),
            new ColumnSpec("updated_at", "timestamp with time zone", false, "now()"));

    public static final List<ColumnSpec> RESOURCE_COLUMNS = List.of(
            new ColumnSpec(MODEL_COLUMN, "uuid", false, null),
            new ColumnSpec(CONFIG_COLUMN, "jsonb", false, null));

    public static final List<PolicySpec> POLICIES = List.of(
            new PolicySpec(USER_POLICY, "ALL", "public", "(auth.uid() = user_id)", "(auth.uid() = user_id)"),
            new PolicySpec(SERVICE_POLICY, "ALL", "service_role", "true", null));

    /** The user policy as rls harden leaves it (pg_get_expr's text of (select auth.uid()) = user_id). */
    public static final PolicySpec HARDENED_USER_POLICY = new PolicySpec(USER_POLICY, "ALL", "public",
            "(( SELECT auth.uid() AS uid) = user_id)", "(( SELECT auth.uid() AS uid) = user_id)");

    public static final String PRIMARY_KEY = "PRIMARY KEY (user_id)";
    public static final String USER_FOREIGN_KEY = "FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE";
    /** The foreign key to the variant's model catalog, as pg_get_constraintdef prints it. */
    public static String modelForeignKey(SchemaVariant variant) {
        return "FOREIGN KEY (openrouter_model_id) REFERENCES " + variant.modelCatalog() + "(id) ON DELETE SET NULL";
    }

    public static String keyIndexDef(SchemaVariant variant) {
        return "CREATE INDEX " + KEY_INDEX + " ON " + variant.keyTable() + " USING btree (user_id, is_enabled)";
    }

    public static String triggerDef(SchemaVariant variant) {
        return "BEFORE UPDATE FOR EACH ROW ON " + variant.keyTable() + " EXECUTE " + FUNCTION + "() (enabled)";
    }

    public static final String MODEL_INDEX_DEF = "CREATE INDEX " + MODEL_INDEX
            + " ON x402_resources USING btree (openrouter_model_id) WHERE (openrouter_model_id IS NOT NULL)";
    public static final String FUNCTION_DEF = "plpgsql function returning trigger: "
            + "begin new.updated_at = now(); return new; end";

    private MigrationSpec() {
    }

    static String describeColumn(String type, boolean notNull, String defaultExpression) {
        return type + (notNull ? " NOT NULL" : "") + (defaultExpression == null ? "" : " DEFAULT " + defaultExpression);
    }

    static String describePolicy(String command, boolean permissive, String roles, String using, String withCheck) {
        return (permissive ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + command + " TO " + roles + " USING "
                + using + (withCheck == null ? "" : " WITH CHECK " + withCheck);
    }

    /**
     * Text compared loosely enough that a hand-pasted copy of the spec matches (case, spacing, schema prefix of
     * public objects, a trailing semicolon), and strictly enough that any change of meaning does not.
     */
    static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String t = text.toLowerCase(Locale.ROOT).replace("public.", "").replaceAll("\\s+", " ").trim();
        while (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).trim();
        }
        return t;
    }
}

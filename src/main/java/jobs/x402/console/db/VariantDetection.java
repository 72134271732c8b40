package jobs.x402.console.db;

import jobs.x402.console.core.OperatorException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which shape of migration 005 a target has, and why the console thinks so. Read once when a session opens:
 * the key table's name decides when 005 is there; otherwise the model catalog the resources will reference does
 * ({@code x402_openrouter_models} without {@code ai_models} means shipped). A database with both key tables or both
 * catalogs is ambiguous: the console names it and asks the operator to choose rather than guess.
 *
 * @param variant   the variant in force, or null when the target is ambiguous and nobody chose
 * @param chosen    the operator chose it (profile or option) instead of the catalog telling
 * @param evidence  the sentence that says why, for status and overview
 */
public record VariantDetection(SchemaVariant variant, boolean chosen, String evidence) {

    public boolean ambiguous() {
        return variant == null;
    }

    /** The variant, or a usage error that names the ambiguity and the way out. */
    public SchemaVariant require() {
        if (variant == null) {
            throw OperatorException.usage("The schema variant of this database is ambiguous: " + evidence,
                    "choose the schema variant (seed or shipped) for this target")
                    .withAction(jobs.x402.console.core.RemedyAction.CHOOSE_SCHEMA_VARIANT);
        }
        return variant;
    }

    public static VariantDetection chosen(SchemaVariant variant) {
        return new VariantDetection(variant, true, "chosen by the operator: " + variant.label() + " ("
                + variant.keyTable() + ", " + variant.modelCatalog() + ")");
    }

    public static VariantDetection detect(Connection connection, SchemaVariant override) throws SQLException {
        if (override != null) {
            return chosen(override);
        }
        boolean seedKey;
        boolean shippedKey;
        boolean seedCatalog;
        boolean shippedCatalog;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select to_regclass('" + SchemaVariant.SEED.qualifiedKeyTable() + "') is not null,"
                        + " to_regclass('" + SchemaVariant.SHIPPED.qualifiedKeyTable() + "') is not null,"
                        + " to_regclass('" + SchemaVariant.SEED.qualifiedModelCatalog() + "') is not null,"
                        + " to_regclass('" + SchemaVariant.SHIPPED.qualifiedModelCatalog() + "') is not null")) {
            rs.next();
            seedKey = rs.getBoolean(1);
            shippedKey = rs.getBoolean(2);
            seedCatalog = rs.getBoolean(3);
            shippedCatalog = rs.getBoolean(4);
        }
        if (seedKey && shippedKey) {
            return new VariantDetection(null, false, "both key tables exist (" + SchemaVariant.SEED.keyTable()
                    + " and " + SchemaVariant.SHIPPED.keyTable() + ")");
        }
        if (seedKey || shippedKey) {
            SchemaVariant variant = seedKey ? SchemaVariant.SEED : SchemaVariant.SHIPPED;
            return new VariantDetection(variant, false, "the key table is " + variant.keyTable());
        }
        if (seedCatalog && shippedCatalog) {
            return new VariantDetection(null, false, "migration 005 is not there and both model catalogs exist ("
                    + SchemaVariant.SEED.modelCatalog() + " and " + SchemaVariant.SHIPPED.modelCatalog() + ")");
        }
        if (shippedCatalog) {
            return new VariantDetection(SchemaVariant.SHIPPED, false, "migration 005 is not there; the model catalog"
                    + " is " + SchemaVariant.SHIPPED.modelCatalog() + " and there is no " + SchemaVariant.SEED.modelCatalog());
        }
        if (seedCatalog) {
            return new VariantDetection(SchemaVariant.SEED, false, "migration 005 is not there; the model catalog is "
                    + SchemaVariant.SEED.modelCatalog());
        }
        return new VariantDetection(SchemaVariant.SEED, false, "neither migration 005 nor a model catalog is there;"
                + " the specification's names are assumed");
    }
}

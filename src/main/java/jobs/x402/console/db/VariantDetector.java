package jobs.x402.console.db;

import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.VariantDetection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads which schema variant a target has (see {@link VariantDetection} for the rules) when a session opens. */
final class VariantDetector {
    private VariantDetector() {
    }

    static VariantDetection detect(Connection connection, SchemaVariant override) throws SQLException {
        if (override != null) {
            return VariantDetection.chosen(override);
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

package jobs.x402.console.db;

import jobs.x402.console.target.SchemaVariant;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

/** Maps the entities' specification table names to the target's variant (x402_user_openrouter_integrations, …). */
final class VariantTableNames extends PhysicalNamingStrategyStandardImpl {
    private final SchemaVariant variant;

    VariantTableNames(SchemaVariant variant) {
        this.variant = variant;
    }

    @Override
    public Identifier toPhysicalTableName(Identifier logicalName, JdbcEnvironment context) {
        if (logicalName == null) {
            return null;
        }
        String renamed = variant.rename(logicalName.getText());
        return renamed.equals(logicalName.getText()) ? logicalName
                : Identifier.toIdentifier(renamed, logicalName.isQuoted());
    }
}

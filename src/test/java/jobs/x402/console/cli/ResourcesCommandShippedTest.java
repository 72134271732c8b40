package jobs.x402.console.cli;

import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.testing.WithSchemaVariant;

/**
 * The models and resources commands on the live project's names: models sync writes x402_openrouter_models with the
 * cron's mapping, and resources read it for their model; the creator's key comes from
 * x402_user_openrouter_integrations.
 */
@WithSchemaVariant(SchemaVariant.SHIPPED)
class ResourcesCommandShippedTest extends ResourcesCommandTest {
}

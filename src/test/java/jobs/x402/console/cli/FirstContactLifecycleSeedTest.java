package jobs.x402.console.cli;

import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.testing.WithSchemaVariant;

/** The first-contact lifecycle on the specification's names (user_openrouter_integrations, ai_models). */
@WithSchemaVariant(SchemaVariant.SEED)
class FirstContactLifecycleSeedTest extends FirstContactLifecycle {
    @Override
    SchemaVariant variant() {
        return SchemaVariant.SEED;
    }
}

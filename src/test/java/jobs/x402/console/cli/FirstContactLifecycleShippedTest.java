package jobs.x402.console.cli;

import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.testing.WithSchemaVariant;

/**
 * The first-contact lifecycle on the live project's names: the baseline has x402_openrouter_models and no
 * ai_models, so the console detects the shipped variant and applies its own changeset for it.
 */
@WithSchemaVariant(SchemaVariant.SHIPPED)
class FirstContactLifecycleShippedTest extends FirstContactLifecycle {
    @Override
    SchemaVariant variant() {
        return SchemaVariant.SHIPPED;
    }
}

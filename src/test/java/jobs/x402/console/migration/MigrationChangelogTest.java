package jobs.x402.console.migration;

import jobs.x402.console.target.SchemaVariant;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationChangelogTest {

    @Test
    void theFunctionBodyStaysOneStatement() {
        assertThat(MigrationChangelog.of(SchemaVariant.SEED).applyStatements())
                .anySatisfy(s -> assertThat(s).contains("create function public.update_openrouter_integration_updated_at()")
                        .contains("return new;").endsWith("$$"))
                .noneSatisfy(s -> assertThat(s.strip()).isEqualTo("$$"));
    }

    @Test
    void rollbackRunsInTheSpecificationsReverseOrder() {
        List<String> firstWords = MigrationChangelog.of(SchemaVariant.SEED).rollbackStatements().stream()
                .map(s -> s.replaceAll("\\s+", " ").replace("public.", "")).toList();
        assertThat(firstWords).containsExactly(
                "drop index idx_x402_resources_openrouter_model",
                "alter table x402_resources drop constraint x402_resources_resource_type_check",
                "alter table x402_resources add constraint x402_resources_resource_type_check check (resource_type in"
                        + " ('external', 'proxy', 'prompt', 'static', 'prompt_template'))",
                "alter table x402_resources drop column openrouter_config",
                "alter table x402_resources drop column openrouter_model_id",
                "drop trigger openrouter_integration_updated_at on user_openrouter_integrations",
                "drop function update_openrouter_integration_updated_at()",
                "drop policy \"Service role full access on OpenRouter\" on user_openrouter_integrations",
                "drop policy \"Users can manage their own OpenRouter config\" on user_openrouter_integrations",
                "drop index idx_openrouter_integrations_user_enabled",
                "drop table user_openrouter_integrations");
    }

    @Test
    void everyColumnAndTheTableAreCommented() {
        List<String> statements = MigrationChangelog.of(SchemaVariant.SEED).applyStatements();
        assertThat(statements).anyMatch(s -> s.startsWith("comment on table public.user_openrouter_integrations"));
        for (MigrationSpec.ColumnSpec column : MigrationSpec.KEY_COLUMNS) {
            assertThat(statements).anyMatch(s -> s.startsWith("comment on column public.user_openrouter_integrations."
                    + column.name() + " is"));
        }
        for (MigrationSpec.ColumnSpec column : MigrationSpec.RESOURCE_COLUMNS) {
            assertThat(statements).anyMatch(s -> s.startsWith("comment on column public.x402_resources."
                    + column.name() + " is"));
        }
    }

    @Test
    void theChangesetIdentityIsFixedAndTheChecksumStable() {
        assertThat(MigrationChangelog.of(SchemaVariant.SEED).identity())
                .isEqualTo("x402/005-openrouter-instant.sql::005-openrouter-instant::x402");
        assertThat(MigrationChangelog.of(SchemaVariant.SEED).checksum()).startsWith("9:").isEqualTo(MigrationChangelog.of(SchemaVariant.SEED).checksum());
    }

    @Test
    void theShippedChangesetBuildsTheSameObjectsUnderThePublicRepositorysNames() {
        MigrationChangelog seed = MigrationChangelog.of(SchemaVariant.SEED);
        MigrationChangelog shipped = MigrationChangelog.of(SchemaVariant.SHIPPED);
        assertThat(shipped.identity()).isEqualTo("x402/005-openrouter-instant-shipped.sql::005-openrouter-instant::x402");
        assertThat(shipped.checksum()).isNotEqualTo(seed.checksum());
        assertThat(shipped.applyStatements()).hasSameSizeAs(seed.applyStatements())
                .noneMatch(s -> s.contains("ai_models"))
                .noneMatch(s -> s.replace("x402_user_openrouter_integrations", "").contains("user_openrouter_integrations"))
                .anyMatch(s -> s.contains("references public.x402_openrouter_models (id) on delete set null"));
        assertThat(shipped.rollbackStatements()).hasSameSizeAs(seed.rollbackStatements())
                .contains("drop table public.x402_user_openrouter_integrations");
        for (int i = 0; i < seed.applyStatements().size(); i++) {
            String renamed = seed.applyStatements().get(i).replace("user_openrouter_integrations",
                    "x402_user_openrouter_integrations").replace("ai_models", "x402_openrouter_models");
            if (!renamed.startsWith("comment on")) {
                assertThat(shipped.applyStatements().get(i)).as("statement " + (i + 1)).isEqualTo(renamed);
            }
        }
    }
}

package jobs.x402.console.migration;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationChangelogTest {

    @Test
    void theFunctionBodyStaysOneStatement() {
        assertThat(MigrationChangelog.applyStatements())
                .anySatisfy(s -> assertThat(s).contains("create function public.update_openrouter_integration_updated_at()")
                        .contains("return new;").endsWith("$$"))
                .noneSatisfy(s -> assertThat(s.strip()).isEqualTo("$$"));
    }

    @Test
    void rollbackRunsInTheSpecificationsReverseOrder() {
        List<String> firstWords = MigrationChangelog.rollbackStatements().stream()
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
        List<String> statements = MigrationChangelog.applyStatements();
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
        assertThat(MigrationChangelog.identity())
                .isEqualTo("x402/005-openrouter-instant.sql::005-openrouter-instant::x402");
        assertThat(MigrationChangelog.checksum()).startsWith("9:").isEqualTo(MigrationChangelog.checksum());
    }
}

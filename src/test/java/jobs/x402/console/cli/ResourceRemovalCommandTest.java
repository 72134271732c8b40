package jobs.x402.console.cli;

import jobs.x402.console.resources.InstantFixtures;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead end of a rollback blocked by openrouter_instant resources, opened from the CLI: `resources retype` and
 * `resources delete` with their preview, refusals, confirmation and audit, then the rollback that now runs.
 */
@ExtendWith(DatabaseExtension.class)
class ResourceRemovalCommandTest {
    private static Path home;

    @BeforeAll
    static void prepare(TestDatabase db) throws Exception {
        Files.createDirectories(Path.of("target"));
        home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "resource-removal-");
        InstantFixtures.applyMigration(db);
        InstantFixtures.insertResource(db, "keep-me", "alice-labs", "openai/gpt-4o-mini",
                "{\"systemPrompt\":\"Hello\"}", "[]", true);
        InstantFixtures.insertResource(db, "drop-me", "carol-ai", "openai/gpt-4o-mini",
                "{\"systemPrompt\":\"Bye\"}", "[]", true);
    }

    private static CliRun cli(TestDatabase db, String... args) {
        return CliRun.onDatabase(home, db, Map.of(), "", args);
    }

    private static String type(TestDatabase db, String slug) throws Exception {
        return InstantFixtures.query(db, "select resource_type from x402_resources where slug = '" + slug + "'");
    }

    @Test
    void aBlockedRollbackIsUnblockedByARetypeAndADeleteEachPreviewedConfirmedAndAudited(TestDatabase db)
            throws Exception {
        CliRun blocked = cli(db, "migration", "rollback", "--no-backup", "--yes", "--confirm", db.name());
        assertThat(blocked.exitCode).as(blocked.toString()).isEqualTo(4);
        assertThat(blocked.err).contains("keep-me").contains("drop-me");

        CliRun unconfirmedRetype = cli(db, "resources", "retype", "keep-me", "--to", "prompt_template");
        assertThat(unconfirmedRetype.exitCode).as(unconfirmedRetype.toString()).isEqualTo(4);
        assertThat(unconfirmedRetype.err).contains("update public.x402_resources set resource_type = 'prompt_template'")
                .contains("no longer blocks that rollback").contains("(--yes)");
        assertThat(type(db, "keep-me")).isEqualTo("openrouter_instant");

        CliRun badType = cli(db, "resources", "retype", "keep-me", "--to", "magic", "--yes");
        assertThat(badType.exitCode).isEqualTo(2);
        assertThat(badType.err).contains("'magic' is not a resource type");

        CliRun retyped = cli(db, "resources", "retype", "keep-me", "--to", "prompt_template", "--yes", "--json");
        assertThat(retyped.exitCode).as(retyped.toString()).isZero();
        assertThat(retyped.json().path("change").path("newType").asText()).isEqualTo("prompt_template");
        assertThat(type(db, "keep-me")).isEqualTo("prompt_template");
        assertThat(InstantFixtures.query(db, "select openrouter_config->>'systemPrompt' from x402_resources"
                + " where slug = 'keep-me'")).as("the model and config stay in the row").isEqualTo("Hello");

        CliRun yesWithoutName = cli(db, "resources", "delete", "drop-me", "--yes");
        assertThat(yesWithoutName.exitCode).isEqualTo(4);
        assertThat(yesWithoutName.err).contains("--yes --confirm " + db.name()).contains("delete from public.x402_resources");
        CliRun wrongName = cli(db, "resources", "delete", "drop-me", "--yes", "--confirm", "not-" + db.name());
        assertThat(wrongName.exitCode).isEqualTo(4);
        assertThat(type(db, "drop-me")).isEqualTo("openrouter_instant");

        CliRun missing = cli(db, "resources", "delete", "no-such-slug", "--yes", "--confirm", db.name());
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).contains("No resource with slug no-such-slug");

        CliRun deleted = cli(db, "resources", "delete", "drop-me", "--yes", "--confirm", db.name());
        assertThat(deleted.exitCode).as(deleted.toString()).isZero();
        assertThat(deleted.out).contains("Deleted resource drop-me (carol-ai).");
        assertThat(InstantFixtures.query(db, "select count(*) from x402_resources where slug = 'drop-me'"))
                .isEqualTo("0");

        String audit = Files.readString(home.resolve("data").resolve("audit.jsonl"));
        assertThat(audit).contains("resources.retype").contains("resources.delete").contains("drop-me");

        Path backup = home.resolve("after-unblock.jsonl");
        CliRun rolledBack = cli(db, "migration", "rollback", "--backup", backup.toString(), "--yes", "--confirm",
                db.name());
        assertThat(rolledBack.exitCode).as(rolledBack.toString()).isZero();
        assertThat(Files.readString(backup)).as("the retyped row's config is in the backup").contains("Hello");
    }
}

package jobs.x402.console.ui.migration;

import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.migration.MigrationState;
import jobs.x402.console.migration.RollbackImpact;
import jobs.x402.console.session.ConsoleEnvironment;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.ui.ErrorText;
import jobs.x402.console.ui.shell.ConsoleContext;
import jobs.x402.console.ui.tasks.SameThreadTaskRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Migration page's view model without a toolkit: a same-thread task runner, scripted prompts and a real database
 * that starts where a Supabase project does. Each state after success, failure and cancel is what the page shows.
 */
@ExtendWith(DatabaseExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationViewModelTest {
    private static final boolean TOOLKIT_BEFORE = jobs.x402.console.ui.tasks.NoToolkit.isRunning();
    @TempDir
    static Path home;

    private final SameThreadTaskRunner tasks = new SameThreadTaskRunner();
    private final List<ErrorText> errors = new ArrayList<>();
    private final ScriptedPrompts prompts = new ScriptedPrompts();
    private ConsoleContext context;
    private MigrationViewModel model;

    /** Answers the confirmations as told and remembers what they showed. */
    static final class ScriptedPrompts implements MigrationPrompts {
        boolean answer = true;
        RollbackChoice rollbackChoice;
        final List<String> asked = new ArrayList<>();
        String lastSql;

        @Override
        public boolean confirm(TargetIdentity target, String title, String text, String sql, String actionLabel) {
            asked.add(title);
            lastSql = sql;
            return answer;
        }

        @Override
        public String confirmTyped(TargetIdentity target, String title, String text, String sql, String actionLabel) {
            asked.add(title + " (typed)");
            return answer ? target.database() : null;
        }

        @Override
        public Optional<RollbackChoice> askRollback(TargetIdentity target, RollbackImpact impact,
                                                    Path defaultBackup) {
            asked.add("rollback: " + impact.keyRows() + " keys");
            return Optional.ofNullable(rollbackChoice);
        }
    }

    @BeforeEach
    void connect(TestDatabase db) {
        ConsoleEnvironment environment = new ConsoleEnvironment(ConsoleHome.fromEnvironment(
                Map.of(ConsoleHome.HOME_VARIABLE, home.toString())), Map.of());
        context = new ConsoleContext(environment, tasks);
        context.onError(errors::add);
        model = new MigrationViewModel(context, prompts);
        context.setSession(ConsoleSession.open(environment, db.target(), jobs.x402.console.core.ProgressListener.NONE));
    }

    @org.junit.jupiter.api.AfterAll
    static void noToolkitWasNeeded() {
        jobs.x402.console.ui.tasks.NoToolkit.assertNotStarted(TOOLKIT_BEFORE);
    }

    @AfterEach
    void close() {
        context.session().close();
    }

    @Test
    @Order(1)
    void aDeclinedApplyChangesNothingAndACancelledOneRollsBack() {
        model.refresh();
        assertThat(model.status.get().state()).isEqualTo(MigrationState.PENDING);
        assertThat(model.recordLine.get()).startsWith("seed schema");

        prompts.answer = false;
        model.apply();
        assertThat(prompts.asked).containsExactly("Apply migration 005");
        assertThat(prompts.lastSql).contains("x402_console.databasechangelog").contains("user_openrouter_integrations");
        assertThat(model.applySql.get()).isEqualTo(prompts.lastSql);
        model.refresh();
        assertThat(model.status.get().state()).as("declined").isEqualTo(MigrationState.PENDING);

        prompts.answer = true;
        tasks.cancelTaskTitled("Applying migration 005"); // the preview runs, the apply is cancelled
        model.apply();
        assertThat(model.busy.get()).isFalse();
        assertThat(model.resultText.get()).contains("cancelled").contains("nothing changed");
        assertThat(errors).isEmpty();
        model.refresh();
        assertThat(model.status.get().state()).as("rolled back").isEqualTo(MigrationState.PENDING);
    }

    @Test
    @Order(2)
    void appliedOnceTheStateAndTheResultAgree() {
        model.apply();
        assertThat(errors).isEmpty();
        assertThat(model.resultText.get()).startsWith("Applied 005");
        assertThat(model.status.get().state()).isEqualTo(MigrationState.APPLIED);
        assertThat(model.stateBadge.get()).isEqualTo(MigrationState.APPLIED.label());
        model.apply();
        assertThat(model.resultText.get()).startsWith("005 is already applied");
        model.verify();
        assertThat(model.verification.get().passed()).isTrue();
        assertThat(model.verificationSummary.get()).startsWith("PASSED");
        model.locks();
        assertThat(model.locksText.get()).contains("Console lock: free");
        model.history();
        assertThat(model.changelog).hasSize(1);
        assertThat(model.audit).isNotEmpty();
    }

    @Test
    @Order(3)
    void aRefusedRollbackShowsTheRefusalAndTheDatabaseKeeps005() {
        prompts.rollbackChoice = new MigrationPrompts.RollbackChoice(home.resolve("backup.jsonl"), "not-the-db");
        model.rollback();
        assertThat(prompts.asked).containsExactly("rollback: 0 keys");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.problem()).contains("needs a confirmation naming the database").contains("not-the-db");
            assertThat(e.remedy()).contains("typing the database name").doesNotContain("--");
        });
        assertThat(model.resultText.get()).startsWith("Not done:");
        assertThat(model.busy.get()).isFalse();
        model.refresh();
        assertThat(model.status.get().state()).isEqualTo(MigrationState.APPLIED);
        assertThat(home.resolve("backup.jsonl")).doesNotExist();
    }

    @Test
    @Order(4)
    void aConfirmedRollbackWritesTheBackupAndSaysSo(TestDatabase db) {
        Path backup = home.resolve("backup-ok.jsonl");
        prompts.rollbackChoice = new MigrationPrompts.RollbackChoice(backup, db.name());
        model.verify();
        model.dryRun();
        assertThat(model.verificationSummary.get()).startsWith("PASSED");
        model.rollback();
        assertThat(errors).isEmpty();
        assertThat(model.status.get().state()).isEqualTo(MigrationState.PENDING);
        // no pane still speaks of the applied 005
        assertThat(model.verificationSteps).isEmpty();
        assertThat(model.verification.get()).isNull();
        assertThat(model.verificationSummary.get()).startsWith("The walkthrough shown before was from before the"
                + " rollback").contains("Verify again");
        assertThat(model.dryRunText.get()).startsWith("The dry run shown before was from before the rollback");
        assertThat(model.resultText.get()).startsWith("Rolled back 005").contains(backup.toString());
        assertThat(backup).exists();
    }

    @Test
    @Order(5)
    void aNewSessionClearsEveryPaneOfThePreviousOne(TestDatabase db) {
        model.refresh();
        model.preview();
        assertThat(model.applySql.get()).isNotEmpty();
        ConsoleSession previous = context.session();
        context.setSession(ConsoleSession.open(context.environment(), db.target(),
                jobs.x402.console.core.ProgressListener.NONE));
        assertThat(model.status.get()).isNull();
        assertThat(model.applySql.get()).isEmpty();
        assertThat(model.evidence).isEmpty();
        assertThat(previous.isClosed()).as("closed by the context").isTrue();
    }
}

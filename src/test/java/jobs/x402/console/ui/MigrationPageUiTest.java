package jobs.x402.console.ui;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.migration.ChangelogRow;
import jobs.x402.console.migration.ObjectCheck;
import jobs.x402.console.migration.VerificationStep;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.ui.migration.MigrationController;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Migration page through the real window, FXML, view model and a fresh database holding the sandbox baseline:
 * pending → apply through the confirmation → verify → guarded rollback with backup → pending again.
 */
@ExtendWith({DatabaseExtension.class, ApplicationExtension.class})
class MigrationPageUiTest {
    private static final String CIPHERTEXT = "0123456789abcdef0123456789abcdef:00112233445566778899aabbccddeeff";
    private static TestDatabase database;
    private static ConsoleHome home;
    private static Path dir;
    private ConsoleApp.Window window;

    @BeforeAll
    static void prepare(TestDatabase db) throws IOException {
        database = db;
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ui-migration-home-");
        home = ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, dir.toString()));
    }

    @Start
    void start(Stage stage) throws Exception {
        window = ConsoleApp.open(stage, new jobs.x402.console.session.ConsoleEnvironment(home, System.getenv()));
        jobs.x402.console.session.ConsoleSession session = database.openConsoleSession(home);
        window.controller().connected(session, "test");
    }

    @Test
    @SuppressWarnings("unchecked")
    void applyVerifyAndGuardedRollbackWithBackup(FxRobot robot) throws Exception {
        robot.clickOn("#nav-migration");
        Label state = robot.lookup("#migrationState").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "pending".equals(state.getText()));
        WaitForAsyncUtils.waitForFxEvents(); // the evidence is set in the same FX event as the badge; read after it
        TableView<ObjectCheck> evidence = robot.lookup("#migrationEvidence").queryAs(TableView.class);
        assertThat(evidence.getItems()).isNotEmpty().allMatch(o -> o.finding() == ObjectCheck.Finding.ABSENT);
        assertThat(robot.lookup("#migrationRollback").queryButton().isDisabled()).isTrue();

        // cancelling the confirmation changes nothing
        robot.clickOn("#migrationApply");
        waitForNode(robot, "#migrationConfirmCancel");
        assertThat(robot.lookup("#migrationDialogBanner").queryAs(Label.class).getText()).contains(database.name());
        assertThat(robot.lookup("#migrationConfirmSql").queryAs(TextArea.class).getText())
                .containsIgnoringCase("create table");
        robot.clickOn("#migrationConfirmCancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(state.getText()).isEqualTo("pending");
        assertThat(exists("public.user_openrouter_integrations")).isFalse();

        robot.clickOn("#migrationApply");
        waitForNode(robot, "#migrationConfirmOk");
        robot.clickOn("#migrationConfirmOk");
        waitForState(robot, state, "applied");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#migrationResult").queryAs(Label.class).getText()).startsWith("Applied 005");
        assertThat(evidence.getItems()).allMatch(ObjectCheck::matches);
        assertThat(exists("public.user_openrouter_integrations")).isTrue();

        robot.clickOn("#migrationVerify");
        TableView<VerificationStep> steps = robot.lookup("#migrationSteps").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !steps.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(steps.getItems()).allMatch(VerificationStep::passed);
        assertThat(robot.lookup("#migrationVerifySummary").queryAs(Label.class).getText()).startsWith("PASSED");
        MigrationController page = (MigrationController) window.controller().page("migration");
        Path report = dir.resolve("verification.md");
        robot.interact(() -> page.model().saveReport(report));
        assertThat(Files.readString(report)).contains("# Migration 005 verification").contains(database.name())
                .contains("PASSED");

        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            st.execute("insert into public.user_openrouter_integrations (user_id, encrypted_api_key)"
                    + " select id, '" + CIPHERTEXT + "' from auth.users order by id limit 1");
        }

        robot.clickOn("#migrationRollback");
        waitForNode(robot, "#migrationRollbackConfirm");
        assertThat(robot.lookup("#migrationRollbackImpact").queryAs(TextArea.class).getText())
                .startsWith("1 encrypted OpenRouter keys");
        Button rollBack = robot.lookup("#migrationRollbackConfirm").queryButton();
        assertThat(rollBack.isDisabled()).as("refused before the database name is typed").isTrue();
        // the backup path can be chosen, not only typed; waiving the backup disables both
        Button browse = robot.lookup("#migrationBackupBrowse").queryButton();
        assertThat(browse.isDisabled()).isFalse();
        robot.interact(() -> robot.lookup("#migrationWaiveBackup").queryAs(javafx.scene.control.CheckBox.class)
                .setSelected(true));
        assertThat(browse.isDisabled()).isTrue();
        robot.interact(() -> robot.lookup("#migrationWaiveBackup").queryAs(javafx.scene.control.CheckBox.class)
                .setSelected(false));
        TextField typed = robot.lookup("#migrationConfirmDatabase").queryAs(TextField.class);
        robot.interact(() -> typed.setText(database.name() + "x"));
        assertThat(rollBack.isDisabled()).as("refused with a wrong name").isTrue();
        Path backup = dir.resolve("backups").resolve("ui-rollback.jsonl");
        robot.interact(() -> {
            robot.lookup("#migrationBackupFile").queryAs(TextField.class).setText(backup.toString());
            typed.setText(database.name());
        });
        assertThat(rollBack.isDisabled()).isFalse();
        robot.clickOn("#migrationRollbackConfirm");
        waitForState(robot, state, "pending");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#migrationResult").queryAs(Label.class).getText()).contains("Rolled back 005")
                .contains(backup.toString());
        assertThat(Files.readString(backup)).contains(CIPHERTEXT);
        assertThat(exists("public.user_openrouter_integrations")).isFalse();

        // re-apply, then put the backup back through its confirmation (the file chooser is the native part)
        robot.clickOn("#migrationApply");
        waitForNode(robot, "#migrationConfirmOk");
        robot.clickOn("#migrationConfirmOk");
        waitForState(robot, state, "applied");
        // not interact(): the confirmation's showAndWait holds that FX call until the dialog closes
        Platform.runLater(() -> page.confirmRestore(backup));
        waitForNode(robot, "#migrationConfirmOk");
        robot.clickOn("#migrationConfirmOk");
        Label result = robot.lookup("#migrationResult").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> result.getText().startsWith("Restored"));
        assertThat(result.getText()).startsWith("Restored 1 keys");
        try (Connection c = database.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select encrypted_api_key from public.user_openrouter_integrations")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(CIPHERTEXT);
        }
        assertThat(AuditLog.in(home).read()).extracting(AuditLog.Entry::action)
                .contains("migration.apply", "migration.rollback", "migration.restore");

        // History and Locks read when their tab opens
        TabPane tabs = robot.lookup("#migrationTabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(4));
        TableView<ChangelogRow> changelog = robot.lookup("#migrationChangelog").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> changelog.getItems().stream()
                .anyMatch(ChangelogRow::isMigration005));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#migrationAudit").queryAs(TableView.class).getItems()).hasSizeGreaterThanOrEqualTo(4);
        // the timeline: a row per kind of step, a mark each time it ran
        @SuppressWarnings("unchecked")
        javafx.scene.chart.ScatterChart<Number, String> timeline = robot.lookup("#migrationTimelineChart")
                .queryAs(javafx.scene.chart.ScatterChart.class);
        assertThat(timeline.isVisible()).isTrue();
        assertThat(timeline.getData().get(0).getData()).extracting(javafx.scene.chart.XYChart.Data::getYValue)
                .contains("recorded by Liquibase", "migration.apply", "migration.rollback", "migration.restore");
        robot.interact(() -> {
            try {
                Screenshots.write(timeline.getScene(), "migration-timeline");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        robot.interact(() -> tabs.getSelectionModel().select(5));
        TextArea locks = robot.lookup("#migrationLocks").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> locks.getText().contains("Liquibase lock"));
        assertThat(locks.getText()).contains("Console lock: free");

        // the Overview, read before the changes, reads again when shown
        robot.clickOn("#nav-overview");
        Label overviewState = robot.lookup("#overviewMigrationState").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "applied".equals(overviewState.getText()));
        // and the status bar does not go on saying what ran last
        Label task = robot.lookup("#taskLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> task.getText().isEmpty());
    }

    /** Waits for the status badge; on a timeout the failure says what the window showed instead. */
    private static void waitForState(FxRobot robot, Label state, String expected) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> expected.equals(state.getText()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("badge '" + state.getText() + "' instead of '" + expected + "'; message bar: '"
                    + robot.lookup("#messageProblem").queryAs(Label.class).getText() + "'; status: '"
                    + robot.lookup("#statusLabel").queryAs(Label.class).getText() + "'; task: '"
                    + robot.lookup("#taskLabel").queryAs(Label.class).getText() + "'; result: '"
                    + robot.lookup("#migrationResult").queryAs(Label.class).getText() + "'; table exists: "
                    + exists("public.user_openrouter_integrations") + "; dialogs open: "
                    + robot.lookup("#migrationConfirm").tryQuery().isPresent(), e);
        }
    }

    private static void waitForNode(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean exists(String relation) throws Exception {
        try (Connection c = database.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select to_regclass('" + relation + "') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}

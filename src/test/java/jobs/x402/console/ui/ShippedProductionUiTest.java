package jobs.x402.console.ui;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.testing.WithSchemaVariant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window on a production-shaped database: the public repository's migration recorded by the Supabase CLI. The
 * Overview names the shipped schema; the Migration page shows the CLI's record, adopts, rolls back and then offers
 * the repair of the CLI's history behind its own confirmation.
 */
@ExtendWith({DatabaseExtension.class, ApplicationExtension.class})
@WithSchemaVariant(SchemaVariant.SHIPPED)
class ShippedProductionUiTest {
    private static TestDatabase database;
    private static ConsoleHome home;
    private static Path dir;

    @BeforeAll
    static void prepare(TestDatabase db) throws Exception {
        database = db;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(resource("fixtures/shipped-005-by-hand.sql"));
            st.execute(resource("fixtures/supabase-cli-history.sql"));
        }
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ui-shipped-home-");
        home = ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, dir.toString()));
    }

    private static String resource(String name) throws Exception {
        try (var in = ShippedProductionUiTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        ConsoleApp.Window window = ConsoleApp.open(stage, new jobs.x402.console.session.ConsoleEnvironment(home, System.getenv()));
        jobs.x402.console.session.ConsoleSession session = database.openConsoleSession(home);
        window.controller().connected(session, "production-shaped");
    }

    @Test
    void overviewNamesTheShippedSchemaAndTheMigrationPageRepairsTheCliHistoryAfterARollback(FxRobot robot)
            throws Exception {
        Label variant = robot.lookup("#overviewSchemaVariant").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> variant.getText().startsWith("shipped"));
        assertThat(variant.getText()).contains("x402_user_openrouter_integrations", "x402_openrouter_models");

        robot.clickOn("#nav-migration");
        Label state = robot.lookup("#migrationState").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "applied".equals(state.getText()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#migrationRecord").queryAs(Label.class).getText())
                .contains("shipped schema").contains("recorded by the Supabase CLI as 20260128100003");
        assertThat(robot.lookup("#migrationRollback").queryButton().isDisabled())
                .as("recorded only by the CLI: adopt first").isTrue();
        assertThat(robot.lookup("#migrationRepairCli").queryButton().isVisible()).isFalse();

        robot.clickOn("#migrationAdopt");
        waitForNode(robot, "#migrationConfirmOk");
        robot.clickOn("#migrationConfirmOk");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup("#migrationRecord").queryAs(Label.class).getText().contains("console record"));
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#migrationRollback");
        waitForNode(robot, "#migrationRollbackConfirm");
        assertThat(robot.lookup("#migrationRollbackImpact").queryAs(TextArea.class).getText())
                .contains("x402_user_openrouter_integrations");
        Path backup = dir.resolve("backups").resolve("shipped-ui.jsonl");
        robot.interact(() -> {
            robot.lookup("#migrationBackupFile").queryAs(TextField.class).setText(backup.toString());
            robot.lookup("#migrationConfirmDatabase").queryAs(TextField.class).setText(database.name());
        });
        robot.clickOn("#migrationRollbackConfirm");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "pending".equals(state.getText()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#migrationResult").queryAs(Label.class).getText())
                .contains("The Supabase CLI still records 20260128100003")
                .contains("supabase migration repair --status reverted 20260128100003");
        Button repair = robot.lookup("#migrationRepairCli").queryButton();
        assertThat(repair.isVisible()).isTrue();

        robot.clickOn("#migrationRepairCli");
        waitForNode(robot, "#migrationConfirmCancel");
        robot.clickOn("#migrationConfirmCancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cliVersions()).as("cancel changes nothing").isEqualTo(3);
        robot.clickOn("#migrationRepairCli");
        waitForNode(robot, "#migrationConfirmOk");
        robot.clickOn("#migrationConfirmOk");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !repair.isVisible());
        assertThat(cliVersions()).isEqualTo(2);
    }

    private static long cliVersions() throws Exception {
        try (Connection c = database.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from supabase_migrations.schema_migrations")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void waitForNode(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }
}

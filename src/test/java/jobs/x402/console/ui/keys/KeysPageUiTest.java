package jobs.x402.console.ui.keys;

import javafx.scene.control.Button;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.util.Duration;
import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.Secret;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.keys.EncryptedKeyTable;
import jobs.x402.console.keys.IntegrationCipher;
import jobs.x402.console.keys.KeyFixtures;
import jobs.x402.console.keys.KeyRow;
import jobs.x402.console.keys.KeyStatus;
import jobs.x402.console.keys.Migration005;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.ui.ConsoleApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The keys page through the real window, FXML, view model and a real database with migration 005, headless. */
@ExtendWith({DatabaseExtension.class, ApplicationExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeysPageUiTest {
    private static final String SECRET = "ui-keys-secret-Lp61";
    private static TestDatabase database;
    private static List<UUID> users;
    private static Map<UUID, String> keys;
    private static ConsoleHome home;

    @BeforeAll
    static void prepare(TestDatabase db) throws Exception {
        database = db;
        Migration005.apply(db);
        try (Connection c = db.connect(); IntegrationCipher cipher = IntegrationCipher.forSecret(Secret.of(SECRET))) {
            users = KeyFixtures.createUsers(c, 30, "ui");
            keys = KeyFixtures.insertKeys(c, EncryptedKeyTable.openRouter(jobs.x402.console.target.SchemaVariant.SEED), users.subList(0, 20), cipher);
        }
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ui-keys-home-");
        home = ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, dir.toString()));
        KeysViewModel.revealDuration = Duration.seconds(2);
    }

    @AfterAll
    static void restore() {
        KeysViewModel.revealDuration = Duration.seconds(20);
    }

    @Start
    void start(Stage stage) throws Exception {
        ConsoleApp.Window window = ConsoleApp.open(stage, new jobs.x402.console.session.ConsoleEnvironment(home, System.getenv()));
        jobs.x402.console.session.ConsoleSession session = database.openConsoleSession(home);
        window.controller().connected(session, "test");
        window.controller().show("keys");
    }

    private void loadSecret(FxRobot robot) throws Exception {
        robot.clickOn("#nav-keys");
        robot.clickOn("#keysSecretMenu");
        robot.clickOn("Type it…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#keysSecretField").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#keysSecretField").queryAs(PasswordField.class).setText(SECRET));
        robot.clickOn("#keysSecretOk");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table(robot).getItems().size() >= 19
                && table(robot).getItems().stream().allMatch(r -> r.status() == KeyStatus.OK));
    }

    @SuppressWarnings("unchecked")
    private static TableView<KeyRow> table(FxRobot robot) {
        return robot.lookup("#keysTable").queryAs(TableView.class);
    }

    private static void select(FxRobot robot, UUID user) {
        robot.interact(() -> {
            TableView<KeyRow> table = table(robot);
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).userId().equals(user)) {
                    table.getSelectionModel().clearAndSelect(i);
                    return;
                }
            }
            throw new AssertionError("row of " + user + " not shown");
        });
    }

    private static void confirm(FxRobot robot, String button) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(button).tryQuery().isPresent());
        robot.clickOn(button);
    }

    private static String column(UUID user, String column) throws Exception {
        try (Connection c = database.connect(); Statement st = c.createStatement();
             var rs = st.executeQuery("select " + column + " from public.user_openrouter_integrations"
                     + " where user_id = '" + user + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    @Order(1)
    void theTableShowsStatusAndMaskedKeysOnceTheSecretIsLoaded(FxRobot robot) throws Exception {
        loadSecret(robot);
        KeyRow first = table(robot).getItems().get(0);
        String key = keys.get(first.userId());
        assertThat(first.maskedKey()).isEqualTo("sk-or-v1-…" + key.substring(key.length() - 4));
        assertThat(robot.lookup("#keysCount").queryLabeled().getText()).contains("20");
    }

    @Test
    @Order(2)
    void setAKeyForAUserPickedByEmail(FxRobot robot) throws Exception {
        loadSecret(robot);
        UUID user = users.get(25);
        String key = KeyFixtures.openRouterKey();
        robot.clickOn("#keysSet");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#setKeyUserSearch").tryQuery()
                .isPresent());
        robot.interact(() -> robot.lookup("#setKeyUserSearch").queryAs(TextField.class).setText("ui-25@"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#setKeyUsers").queryListView()
                .getSelectionModel().getSelectedItem() != null);
        // the dialog says what saving does to this user before anything is asked
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#setKeyUserState").queryLabeled()
                .getText().equals("This user has no key yet."));
        // a text that is no key is refused in the dialog, which keeps what was typed
        robot.interact(() -> robot.lookup("#setKeyValue").queryAs(PasswordField.class).setText("sk-live-123"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#setKeyProblem").queryLabeled().isVisible()).isTrue();
        assertThat(robot.lookup("#setKeyProblem").queryLabeled().getText())
                .startsWith("This is not an OpenRouter key: it does not start with 'sk-or-'");
        assertThat(robot.lookup("#setKeySave").queryAs(Button.class).isDisabled()).isTrue();
        robot.interact(() -> {
            try {
                jobs.x402.console.ui.Screenshots.write(robot.lookup("#setKeyProblem").query().getScene(),
                        "keys-set-dialog");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        robot.interact(() -> robot.lookup("#setKeyValue").queryAs(PasswordField.class).setText(key));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#setKeyProblem").queryLabeled().isVisible()).isFalse();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#setKeySave").queryAs(Button.class)
                .isDisabled());
        robot.clickOn("#setKeySave");
        confirm(robot, "#keysConfirmOk");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> column(user, "encrypted_api_key") != null);
        try (IntegrationCipher cipher = IntegrationCipher.forSecret(Secret.of(SECRET));
             var outcome = cipher.decrypt(column(user, "encrypted_api_key"))) {
            assertThat(outcome.plaintext().reveal()).isEqualTo(key);
        }
    }

    @Test
    @Order(3)
    void disableAndEnableAfterConfirmation(FxRobot robot) throws Exception {
        loadSecret(robot);
        UUID user = users.get(2);
        select(robot, user);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#keysEnable").queryButton().isDisabled()).as("the key is enabled already").isTrue();
        robot.clickOn("#keysDisable");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#keysConfirmCancel").tryQuery().isPresent());
        assertThat(robot.lookup("#keysConfirmCancel").queryButton().isDefaultButton()).isTrue();
        confirm(robot, "#keysConfirmCancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(column(user, "is_enabled")).isEqualTo("t");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !robot.lookup("#keysDisable").queryButton()
                .isDisabled() || table(robot).getSelectionModel().isEmpty());
        select(robot, user);
        robot.clickOn("#keysDisable");
        confirm(robot, "#keysConfirmOk");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "f".equals(column(user, "is_enabled")));
        // the page reads the list again after a change: wait until it shows the disabled key
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table(robot).getItems().stream()
                .anyMatch(r -> r.userId().equals(user) && Boolean.FALSE.equals(r.enabled())));
        WaitForAsyncUtils.waitForFxEvents();
        select(robot, user);
        robot.clickOn("#keysEnable");
        // enabling loses nothing: Enter enables; disabling started on Cancel
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#keysConfirmOk").tryQuery().isPresent());
        assertThat(robot.lookup("#keysConfirmOk").queryButton().isDefaultButton()).isTrue();
        assertThat(robot.lookup("#keysConfirmCancel").queryButton().isDefaultButton()).isFalse();
        confirm(robot, "#keysConfirmOk");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "t".equals(column(user, "is_enabled")));
    }

    @Test
    @Order(4)
    void deleteAfterConfirmation(FxRobot robot) throws Exception {
        loadSecret(robot);
        UUID user = users.get(4);
        select(robot, user);
        robot.clickOn("#keysDelete");
        confirm(robot, "#keysConfirmOk");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> column(user, "user_id") == null);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table(robot).getItems().stream()
                .noneMatch(r -> r.userId().equals(user)));
    }

    @Test
    @Order(6)
    void theHealthScanIsShownAsABarPerOutcome(FxRobot robot) throws Exception {
        loadSecret(robot);
        assertThat(robot.lookup("#keysHealthChart").query().isVisible()).as("no chart before a scan").isFalse();
        robot.clickOn("#keysScan");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#keysHealthChart").query().isVisible());
        @SuppressWarnings("unchecked")
        javafx.scene.chart.BarChart<Number, String> chart = robot.lookup("#keysHealthBars")
                .queryAs(javafx.scene.chart.BarChart.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chart.getData()).singleElement().satisfies(series -> assertThat(series.getData())
                .anySatisfy(bar -> {
                    assertThat(bar.getYValue()).isEqualTo("ok");
                    assertThat(bar.getXValue().longValue()).isPositive();
                }));
        robot.interact(() -> {
            try {
                jobs.x402.console.ui.Screenshots.write(chart.getScene(), "keys-health-chart");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    @Order(5)
    void revealShowsTheKeyThenHidesItByItselfAndIsAudited(FxRobot robot) throws Exception {
        loadSecret(robot);
        UUID user = users.get(7);
        select(robot, user);
        robot.clickOn("#keysReveal");
        confirm(robot, "#keysConfirmOk");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#keysRevealBar").query().isVisible());
        assertThat(robot.lookup("#keysRevealed").queryAs(TextField.class).getText()).isEqualTo(keys.get(user));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#keysRevealBar").query().isVisible());
        assertThat(robot.lookup("#keysRevealed").queryAs(TextField.class).getText()).isEmpty();
        List<AuditLog.Entry> audit = AuditLog.in(home).read();
        assertThat(audit).anyMatch(e -> e.action().equals("keys.reveal") && e.subject().equals(user.toString())
                && e.result().equals("ok"));
        String file = Files.readString(AuditLog.in(home).file());
        assertThat(file).doesNotContain(SECRET);
        keys.values().forEach(k -> assertThat(file).doesNotContain(k));
    }
}

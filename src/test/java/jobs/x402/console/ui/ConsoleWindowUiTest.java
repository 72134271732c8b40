package jobs.x402.console.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.SandboxServer;
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

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real window, FXML and view models against a real sandbox database, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleWindowUiTest {
    private static ConsoleHome home;

    @BeforeAll
    static void createHome() throws IOException {
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ui-home-");
        home = ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, dir.toString()));
    }

    @AfterAll
    static void stopSandbox() {
        SandboxServer.in(home).stop(ProgressListener.NONE);
    }

    @Start
    void start(Stage stage) throws IOException {
        ConsoleApp.open(stage, new jobs.x402.console.session.ConsoleEnvironment(home, System.getenv()));
    }

    @Test
    @Order(1)
    void aWrongPortIsShownAsAConnectionErrorInTheDialog(FxRobot robot) throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        robot.clickOn("#openConnectDialog");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            robot.lookup("#hostField").queryAs(TextField.class).setText("localhost");
            robot.lookup("#userField").queryAs(TextField.class).setText("postgres");
        });
        String port = String.valueOf(freePort);
        robot.interact(() -> robot.lookup("#portField").queryAs(TextField.class).setText(port));
        robot.clickOn("#connect");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#connectError").query().isVisible());
        Label problem = robot.lookup("#connectErrorProblem").queryAs(Label.class);
        assertThat(problem.getText()).contains(port);
        assertThat(robot.lookup("#connectErrorRemedy").queryAs(Label.class).getText()).isNotBlank();
        assertThat(robot.lookup("#targetKind").queryAs(Label.class).getText()).isEqualTo("not connected");
        robot.clickOn("#cancelConnect");
    }

    @Test
    @Order(2)
    void openingTheSandboxFromTheDialogShowsTheBannerAndOverviewFigures(FxRobot robot) throws Exception {
        robot.clickOn("#openConnectDialog");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#openSandbox");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> "SANDBOX".equals(robot.lookup("#targetKind").queryAs(Label.class).getText()));
        WaitForAsyncUtils.waitForFxEvents(); // the banner's labels are set in one FX event; read after it
        assertThat(robot.lookup("#bannerLine").queryAs(Label.class).getText()).contains("postgres")
                .contains("PostgreSQL 17");
        assertThat(robot.lookup("#privilegeLabel").queryAs(Label.class).getText())
                .as("the sandbox has Supabase's role model").isEqualTo("not superuser · BYPASSRLS");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup("#usersCount").queryAs(Label.class).getText().matches("\\d+"));
        WaitForAsyncUtils.waitForFxEvents(); // all figures are set in one FX event; read them after it
        assertThat(Integer.parseInt(robot.lookup("#usersCount").queryAs(Label.class).getText()))
                .isGreaterThanOrEqualTo(5);
        assertThat(robot.lookup("#resourcesCount").queryAs(Label.class).getText()).matches("\\d+");
        assertThat(robot.lookup("#prerequisiteSummary").queryAs(Label.class).getText())
                .contains("All prerequisites");
        assertThat(robot.lookup("#overviewMigrationState").queryAs(Label.class).getText()).isEqualTo("pending");
        Node banner = robot.lookup("#targetBanner").query();
        assertThat(banner.getStyleClass()).contains("sandbox");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            try {
                Screenshots.write(banner.getScene(), "main-window-overview");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        // the status line belongs to the page that said it: the Overview's message does not follow to Keys
        Label status = robot.lookup("#statusLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("Overview read"));
        robot.clickOn("#nav-keys");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status.getText()).doesNotStartWith("Overview read");
        robot.clickOn("#nav-overview");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status.getText()).startsWith("Overview read");
    }

    @Test
    @Order(3)
    void f5RefreshesAndCtrlKOpensTheDialog(FxRobot robot) throws Exception {
        robot.clickOn("#openConnectDialog");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#openSandbox");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup("#overviewReadAt").queryAs(Label.class).getText().startsWith("read at"));
        String before = robot.lookup("#overviewReadAt").queryAs(Label.class).getText();
        Thread.sleep(1100); // the label has second resolution
        robot.type(javafx.scene.input.KeyCode.F5);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> !robot.lookup("#overviewReadAt").queryAs(Label.class).getText().equals(before));
    }
}

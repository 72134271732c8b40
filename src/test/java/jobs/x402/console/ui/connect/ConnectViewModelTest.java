package jobs.x402.console.ui.connect;

import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.session.ConsoleEnvironment;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.session.SandboxApi;
import jobs.x402.console.target.TargetKind;
import jobs.x402.console.ui.tasks.SameThreadTaskRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection dialog's view model without a toolkit: "Reset sandbox…" builds the sandbox again and connects. */
class ConnectViewModelTest {
    private static final boolean TOOLKIT_BEFORE = jobs.x402.console.ui.tasks.NoToolkit.isRunning();
    private static Path home;
    private static ConsoleEnvironment environment;

    @AfterAll
    static void stopTheSandbox() {
        if (environment != null) {
            SandboxApi.of(environment).stop(ProgressListener.NONE);
        }
        jobs.x402.console.ui.tasks.NoToolkit.assertNotStarted(TOOLKIT_BEFORE);
    }

    @Test
    void resetSandboxDeletesWhatWasThereAndConnectsToAFreshOne() throws Exception {
        Files.createDirectories(Path.of("target"));
        home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "connect-vm-");
        environment = new ConsoleEnvironment(ConsoleHome.fromEnvironment(
                Map.of(ConsoleHome.HOME_VARIABLE, home.toString())), Map.of());
        List<ConsoleSession> connected = new ArrayList<>();
        ConnectViewModel model = new ConnectViewModel(environment, new SameThreadTaskRunner(),
                (session, name) -> connected.add(session));

        model.openSandbox();
        assertThat(model.errorProblem.get()).isEmpty();
        assertThat(connected).singleElement().satisfies(s -> assertThat(s.identity().kind())
                .isEqualTo(TargetKind.SANDBOX));
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("create table public.left_behind (id int)");
        }
        connected.get(0).close();

        model.resetSandbox();
        assertThat(model.errorProblem.get()).as(model.errorRemedy.get()).isEmpty();
        assertThat(connected).hasSize(2);
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select to_regclass('public.left_behind') is null,"
                     + " (select count(*) from public.x402_servers)")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("the old table is gone").isTrue();
            assertThat(rs.getLong(2)).as("the demo data is back").isPositive();
        }
        connected.get(1).close();
        assertThat(Files.readString(home.resolve("data").resolve("audit.jsonl"))).contains("sandbox.reset");

        // a pasted URL fills the fields as it arrives; half a URL changes nothing and says nothing
        var sandbox = SandboxApi.of(environment).target().profile();
        model.url.set("postgresql://");
        model.applyUrlWhileTyping();
        assertThat(model.errorProblem.get()).isEmpty();
        model.url.set("postgresql://" + sandbox.user() + "@localhost:" + sandbox.port() + "/" + sandbox.database()
                + "?sslmode=disable");
        model.applyUrlWhileTyping();
        assertThat(model.port.get()).isEqualTo(String.valueOf(sandbox.port()));
        assertThat(model.user.get()).isEqualTo(sandbox.user());
        // Test connection reaches the server and reports who it is, without opening a session
        char[] password = SandboxApi.of(environment).target().password() == null ? new char[0]
                : SandboxApi.of(environment).target().password().reveal().toCharArray();
        model.testConnection(password);
        assertThat(model.errorProblem.get()).as(model.errorRemedy.get()).isEmpty();
        assertThat(model.testResult.get()).startsWith("Reached localhost:" + sandbox.port()).contains("PostgreSQL 17");
        assertThat(connected).as("a test opens no session").hasSize(2);
        assertThat(model.busy.get()).isFalse();
    }

    @Test
    void aFailedConnectShowsTheErrorAndNoLongerSaysConnecting() throws Exception {
        Path otherHome = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "connect-fail-");
        ConsoleEnvironment env = new ConsoleEnvironment(ConsoleHome.fromEnvironment(
                Map.of(ConsoleHome.HOME_VARIABLE, otherHome.toString())), Map.of());
        List<ConsoleSession> connected = new ArrayList<>();
        ConnectViewModel model = new ConnectViewModel(env, new SameThreadTaskRunner(),
                (session, name) -> connected.add(session));
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nothing listens here once the socket is closed
        }
        model.host.set("127.0.0.1");
        model.port.set(String.valueOf(closedPort));
        model.sslMode.set(jobs.x402.console.target.SslMode.DISABLE);
        model.connect(new char[0]);
        assertThat(connected).isEmpty();
        assertThat(model.errorProblem.get()).isNotEmpty().contains(String.valueOf(closedPort));
        assertThat(model.progressMessage.get()).doesNotStartWith("Connecting");
        assertThat(model.busy.get()).isFalse();
    }

    private static Connection connect() throws Exception {
        var target = SandboxApi.of(environment).target();
        return DriverManager.getConnection(target.profile().jdbcUrl(), target.profile().user(),
                target.password() == null ? null : target.password().reveal());
    }
}

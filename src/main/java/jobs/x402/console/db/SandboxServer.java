package jobs.x402.console.db;

import jobs.x402.console.target.SslMode;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.target.SandboxStatus;
import jobs.x402.console.target.ConnectionProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import jobs.x402.console.core.AtomicFiles;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The embedded PostgreSQL 17 (zonky) that the console uses when no server is given. Its data directory lives in the
 * user's data directory so it persists between runs; the server keeps running after the process that started it
 * exits, so the CLI and the window share it until {@code sandbox stop}.
 */
public final class SandboxServer {
    private static final Logger log = LoggerFactory.getLogger(SandboxServer.class);
    /** A fixed first choice keeps the sandbox at the same address between runs; any free port is the fallback. */
    static final int PREFERRED_PORT = 54017;
    public static final String DATABASE = "postgres";
    /** The role the console connects as: a non-superuser postgres, as on a hosted Supabase project. */
    public static final String OPERATOR = SandboxBaseline.OPERATOR_ROLE;
    public static final String HOST = "localhost";

    /** One zonky instance per JVM: zonky locks the data directory and a second instance in the same JVM fails. */
    private static final Object JVM_LOCK = new Object();
    private static EmbeddedPostgres startedHere;
    private static Path startedHereDirectory;

    private final Path root;


    public SandboxServer(Path root) {
        this.root = root;
    }

    public static SandboxServer in(ConsoleHome home) {
        return new SandboxServer(home.data("sandbox"));
    }

    public Path dataDirectory() {
        return root.resolve("pgdata");
    }

    private Path binariesDirectory() {
        return root.resolve("binaries");
    }

    private Path stateFile() {
        return root.resolve("sandbox.json");
    }

    public Path serverLog() {
        return root.resolve("postgres.log");
    }

    public boolean isInitialized() {
        return Files.isRegularFile(dataDirectory().resolve("PG_VERSION"));
    }

    public SandboxStatus status() {
        Optional<PostmasterPid> postmaster = PostmasterPid.read(dataDirectory());
        boolean running = postmaster.isPresent() && postmaster.get().isAlive()
                && acceptsConnections(postmaster.get().port());
        int port = postmaster.filter(p -> running).map(PostmasterPid::port).orElseGet(this::rememberedPort);
        boolean startedHere;
        synchronized (JVM_LOCK) {
            startedHere = SandboxServer.startedHere != null && dataDirectory().equals(startedHereDirectory);
        }
        return new SandboxStatus(isInitialized(), running, running ? postmaster.get().pid() : 0, port, HOST, DATABASE,
                OPERATOR, jdbcUrl(port), dataDirectory(), startedHere && running);
    }

    /** The connection target of a running sandbox. */
    public ConnectionTarget target() {
        SandboxStatus status = status();
        if (!status.running()) {
            throw new OperatorException(ExitCode.UNREACHABLE, "The sandbox is not running",
                    "start the sandbox")
                    .withAction(jobs.x402.console.core.RemedyAction.START_SANDBOX);
        }
        return ConnectionTarget.sandbox(profile(status.port()));
    }

    static ConnectionProfile profile(int port) {
        return new ConnectionProfile("sandbox", HOST, port, DATABASE, OPERATOR, SslMode.DISABLE, null, Map.of());
    }

    private static String jdbcUrl(int port) {
        return port <= 0 ? null : "jdbc:postgresql://" + HOST + ":" + port + "/" + DATABASE + "?user=" + OPERATOR;
    }

    /**
     * Starts the sandbox, or attaches to it when it already runs. A fresh data directory receives the Supabase-compatible
     * baseline with demo data.
     */
    public SandboxStatus start(ProgressListener progress) {
        return startServer(progress, true, SchemaVariant.SEED);
    }

    private SandboxStatus startServer(ProgressListener progress, boolean withDemoData, SchemaVariant variant) {
        SandboxStatus current = status();
        if (current.running()) {
            progress.progress(3, 3, "Sandbox already running on port " + current.port());
            return current;
        }
        synchronized (JVM_LOCK) {
            closeInstanceStartedHere();
            boolean fresh = !isInitialized();
            progress.progress(0, 3, fresh ? "Creating the sandbox database (first start extracts PostgreSQL 17)"
                    : "Starting the sandbox database");
            int port = choosePort();
            long started = System.nanoTime();
            try {
                jobs.x402.console.core.PrivateFiles.createDirectories(binariesDirectory());
                // the server log is created 0600 here; PostgreSQL only appends to it
                jobs.x402.console.core.PrivateFiles.ensureFile(serverLog());
                EmbeddedPostgres server = startEmbedded(port);
                if (installCleanEnvironmentWrapper()) {
                    // first start on this machine: the binaries exist only now, so start once more through the
                    // wrapper, and the server never keeps the environment of the command that created it
                    server.close();
                    server = startEmbedded(port);
                }
                startedHere = server;
                startedHereDirectory = dataDirectory();
            } catch (IOException | RuntimeException e) {
                throw OperatorException.failure("The sandbox database did not start: " + jobs.x402.console.core.RootCause.message(e),
                        "see " + serverLog() + "; if it is damaged, rebuild the sandbox", e)
                        .withAction(jobs.x402.console.core.RemedyAction.RESET_SANDBOX);
            }
            rememberPort(port);
            log.info("Sandbox started on port {} in {} ms", port, (System.nanoTime() - started) / 1_000_000);
            if (fresh) {
                progress.progress(2, 3, withDemoData ? "Installing the Supabase-compatible baseline and demo data"
                        : "Installing the Supabase-compatible baseline (no demo data)");
                installBaseline(port, withDemoData, variant);
            } else {
                warnIfMadeByAnEarlierConsole(port, progress);
            }
            progress.progress(3, 3, "Sandbox ready on port " + port);
            return status();
        }
    }

    private EmbeddedPostgres startEmbedded(int port) throws IOException {
        Path lock = dataDirectory().resolve("epg-lock");
        if (isInitialized()) {
            // zonky's lock file, created 0600 before zonky opens it (on a fresh directory initdb must find it empty)
            jobs.x402.console.core.PrivateFiles.ensureFile(lock);
        }
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory())
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binariesDirectory().toFile())
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "60")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog().toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog().toFile()))
                .start();
        if (Files.exists(lock) && Files.getFileStore(lock).supportsFileAttributeView("posix")) {
            // the first start's lock file came from zonky; it holds nothing, and from now on it is private too
            Files.setPosixFilePermissions(lock, jobs.x402.console.core.PrivateFiles.FILE_MODE);
        }
        return server;
    }

    /** The name the real pg_ctl gets once the wrapper stands in its place. */
    static final String REAL_PG_CTL = "pg_ctl.x402-real";

    /**
     * PostgreSQL keeps the environment it was started with for as long as it runs, and zonky starts it with the
     * caller's (INTEGRATION_ENCRYPTION_SECRET, PGPASSWORD, …). zonky builds its processes itself, so the console puts a
     * small pg_ctl in front of the real one that starts the server with a minimal environment instead.
     *
     * @return true when the wrapper was installed just now (a server already started has the old environment)
     */
    boolean installCleanEnvironmentWrapper() {
        Optional<Path> pgCtl = findBinary("pg_ctl");
        if (pgCtl.isEmpty()) {
            return false;
        }
        Path real = pgCtl.get().resolveSibling(REAL_PG_CTL);
        if (Files.exists(real)) {
            return false;
        }
        String wrapper = """
                #!/bin/sh
                # x402 Operator Console: the sandbox server must not inherit the secrets of the command that started it
                exec /usr/bin/env -i PATH=/usr/bin:/bin LC_ALL=C TZ="${TZ:-UTC}" "$(dirname "$0")/%s" "$@"
                """.formatted(REAL_PG_CTL);
        try {
            if (!Files.getFileStore(pgCtl.get()).supportsFileAttributeView("posix")) {
                return false; // no sh and no modes (Windows): that sandbox keeps zonky's behaviour (README)
            }
            Path tmp = Files.createTempFile(pgCtl.get().getParent(), "pg_ctl", ".tmp");
            Files.writeString(tmp, wrapper, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Files.move(pgCtl.get(), real);
            try {
                Files.move(tmp, pgCtl.get(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.move(real, pgCtl.get()); // never leave the sandbox without a pg_ctl
                throw e;
            }
            log.info("pg_ctl of the sandbox now starts the server with a minimal environment");
            return true;
        } catch (IOException e) {
            log.warn("Could not put the clean-environment wrapper in front of pg_ctl: {}", e.getMessage());
            return false;
        }
    }

    /** Stops the sandbox, whichever process started it. */
    public SandboxStatus stop(ProgressListener progress) {
        synchronized (JVM_LOCK) {
            SandboxStatus current = status();
            if (startedHere != null && dataDirectory().equals(startedHereDirectory)) {
                progress.step("Stopping the sandbox database");
                closeInstanceStartedHere();
            } else if (current.running()) {
                progress.step("Stopping the sandbox database (pid " + current.pid() + ")");
                stopForeignServer(current.pid());
            }
            return status();
        }
    }

    /** Throws the sandbox away and builds it again from scratch. */
    public SandboxStatus reset(boolean withDemoData, ProgressListener progress) {
        return reset(withDemoData, SchemaVariant.SEED, progress);
    }

    /** Rebuilds it with the tables named as the variant names them (shipped: x402_openrouter_models, as live). */
    public SandboxStatus reset(boolean withDemoData, SchemaVariant variant, ProgressListener progress) {
        synchronized (JVM_LOCK) {
            stop(progress);
            progress.step("Deleting the sandbox data directory");
            deleteRecursively(dataDirectory());
            return startServer(progress, withDemoData, variant);
        }
    }

    /**
     * A fresh cluster gets Supabase's role model first (its bootstrap superuser becomes supabase_admin, postgres a
     * non-superuser), then the baseline, installed as supabase_admin into the database postgres owns.
     */
    private void installBaseline(int port, boolean withDemoData, SchemaVariant variant) {
        SandboxBaseline.convertFreshCluster(HOST, port);
        ConnectionProfile admin = profile(port).withUser(SandboxBaseline.ADMIN_ROLE);
        Properties props = new Properties();
        props.setProperty("user", admin.user());
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), props)) {
            SandboxBaseline.installDatabase(connection, withDemoData, variant);
        } catch (SQLException e) {
            throw ConnectionFailures.explain(e, admin);
        }
    }

    /** Sandboxes made before the Supabase role model have a superuser postgres, which no hosted project has. */
    private void warnIfMadeByAnEarlierConsole(int port, ProgressListener progress) {
        Properties props = new Properties();
        props.setProperty("user", OPERATOR);
        try (Connection connection = DriverManager.getConnection(profile(port).jdbcUrl(), props);
             java.sql.Statement st = connection.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select rolsuper from pg_roles where rolname = current_user")) {
            if (rs.next() && rs.getBoolean(1)) {
                log.warn("The sandbox in {} was created by an earlier console: postgres is a superuser there", root);
                progress.step("This sandbox was created by an earlier console version: postgres is a superuser"
                        + " there, unlike on Supabase. Reset the sandbox to rebuild it with Supabase's role model");
            }
        } catch (SQLException e) {
            log.debug("Could not check the sandbox's role model: {}", e.getMessage());
        }
    }

    private void closeInstanceStartedHere() {
        if (startedHere != null) {
            try {
                startedHere.close();
            } catch (IOException e) {
                log.warn("Stopping the sandbox failed: {}", e.getMessage());
            }
            startedHere = null;
            startedHereDirectory = null;
        }
    }

    /** pg_ctl refuses to run as root; zonky runs PostgreSQL in a user namespace then, and so must we. */
    private void stopForeignServer(long pid) {
        Path pgCtl = findBinary("pg_ctl").orElseThrow(() -> OperatorException.failure(
                "Cannot stop the sandbox: pg_ctl is missing under " + binariesDirectory(),
                "stop the process " + pid + " by hand, then rebuild the sandbox", null)
                .withAction(jobs.x402.console.core.RemedyAction.RESET_SANDBOX));
        List<String> command = new ArrayList<>();
        if (isRoot() && LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", dataDirectory().toString(), "stop", "-m", "fast", "-w",
                "-t", "30"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(serverLog().toFile())).start();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw OperatorException.failure("Cannot stop the sandbox: " + e.getMessage(),
                    "stop the process " + pid + " by hand", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join());
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw OperatorException.failure("The sandbox (pid " + pid + ") did not stop within 30 s",
                    "see " + serverLog(), null);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private Optional<Path> findBinary(String name) {
        if (!Files.isDirectory(binariesDirectory())) {
            return Optional.empty();
        }
        String fileName = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win") ? name + ".exe" : name;
        try (Stream<Path> files = Files.walk(binariesDirectory(), 3)) {
            return files.filter(p -> p.getFileName().toString().equals(fileName)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private int choosePort() {
        int remembered = rememberedPort();
        for (int candidate : new int[] {remembered, PREFERRED_PORT}) {
            if (candidate > 0 && isFree(candidate)) {
                return candidate;
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("localhost", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private int rememberedPort() {
        try {
            if (Files.isRegularFile(stateFile())) {
                JsonNode state = Json.mapper().readTree(stateFile().toFile());
                return state.path("port").asInt(0);
            }
        } catch (IOException e) {
            log.debug("Ignoring unreadable {}: {}", stateFile(), e.getMessage());
        }
        return 0;
    }

    private void rememberPort(int port) {
        ObjectNode state = Json.mapper().createObjectNode().put("port", port);
        try {
            AtomicFiles.write(stateFile(), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
        } catch (IOException e) {
            log.warn("Could not remember the sandbox port in {}: {}", stateFile(), e.getMessage());
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw OperatorException.failure("Cannot delete " + directory + ": " + e.getMessage(),
                    "make sure no PostgreSQL process still uses it", e);
        }
    }

    /** The first lines of postmaster.pid: the pid and the port of the running server. */
    record PostmasterPid(long pid, int port) {
        static Optional<PostmasterPid> read(Path dataDirectory) {
            Path file = dataDirectory.resolve("postmaster.pid");
            try {
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() < 4) {
                    return Optional.empty();
                }
                return Optional.of(new PostmasterPid(Long.parseLong(lines.get(0).trim()),
                        Integer.parseInt(lines.get(3).trim())));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        boolean isAlive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}

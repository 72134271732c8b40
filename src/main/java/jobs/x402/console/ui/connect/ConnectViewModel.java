package jobs.x402.console.ui.connect;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;
import jobs.x402.console.target.ConnectionProfile;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.target.ConnectionUriParser;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.SslMode;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.session.ConsoleEnvironment;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.session.ProfilesApi;
import jobs.x402.console.session.SandboxApi;
import jobs.x402.console.ui.ErrorText;
import jobs.x402.console.ui.tasks.TaskRunner;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * State of the connection dialog: the profiles, the fields of the target being typed, and one connect at a time that
 * runs in the background and can be cancelled.
 */
public final class ConnectViewModel {
    private final ConsoleEnvironment environment;
    private final TaskRunner tasks;
    private final ProfilesApi profiles;
    private final BiConsumer<ConsoleSession, String> onConnected;

    final ObservableList<ConnectionProfile> savedProfiles = FXCollections.observableArrayList();
    final StringProperty url = new SimpleStringProperty("");
    final StringProperty host = new SimpleStringProperty("");
    final StringProperty port = new SimpleStringProperty("5432");
    final StringProperty database = new SimpleStringProperty("postgres");
    final StringProperty user = new SimpleStringProperty("postgres");
    final ObjectProperty<SslMode> sslMode = new SimpleObjectProperty<>(null);
    /** Path of the CA certificate; empty means the driver's default trust. */
    final StringProperty rootCert = new SimpleStringProperty("");
    /** null means: detect from the catalog when connecting. */
    final ObjectProperty<SchemaVariant> schemaVariant = new SimpleObjectProperty<>(null);
    final StringProperty profileName = new SimpleStringProperty("");
    final BooleanProperty saveProfile = new SimpleBooleanProperty(false);
    final StringProperty notes = new SimpleStringProperty("");
    final StringProperty errorProblem = new SimpleStringProperty("");
    final StringProperty errorRemedy = new SimpleStringProperty("");
    final BooleanProperty busy = new SimpleBooleanProperty(false);
    final DoubleProperty progress = new SimpleDoubleProperty(0);
    final StringProperty progressMessage = new SimpleStringProperty("");
    private TaskRunner.Handle running;

    public ConnectViewModel(ConsoleEnvironment environment, TaskRunner tasks,
                            BiConsumer<ConsoleSession, String> onConnected) {
        this.environment = environment;
        this.tasks = tasks;
        this.profiles = ProfilesApi.of(environment);
        this.onConnected = onConnected;
        reloadProfiles();
    }

    void reloadProfiles() {
        savedProfiles.setAll(profiles.list());
    }

    BooleanBinding hasError() {
        return Bindings.isNotEmpty(errorProblem);
    }

    /** Fills the fields from a saved profile. */
    void select(ConnectionProfile profile) {
        if (profile == null) {
            return;
        }
        url.set("");
        host.set(profile.host());
        port.set(String.valueOf(profile.port()));
        database.set(profile.database());
        user.set(profile.user());
        sslMode.set(profile.sslMode());
        rootCert.set(profile.sslRootCert() == null ? "" : profile.sslRootCert());
        schemaVariant.set(profile.schemaVariant());
        profileName.set(profile.name());
        saveProfile.set(false);
        notes.set(describe(profile));
        clearError();
    }

    /** Reads a pasted URL into the fields at once, so the operator sees what it means before connecting. */
    void applyUrl() {
        readUrl(false);
    }

    /**
     * Reads the URL into the fields as it is typed or pasted; text that is not a URL yet leaves the fields and says
     * nothing (the full check, with its error, comes when the field is left or Enter is pressed).
     */
    void applyUrlWhileTyping() {
        readUrl(true);
    }

    /** @param quietly a text that is no URL (yet) changes nothing and shows no error */
    private void readUrl(boolean quietly) {
        String text = url.get();
        if (text == null || text.isBlank()) {
            return;
        }
        try {
            ConnectionUriParser.ParsedConnection parsed = ConnectionUriParser.parse(text, profileName.get());
            ConnectionProfile profile = parsed.profile();
            host.set(profile.host());
            port.set(String.valueOf(profile.port()));
            database.set(profile.database());
            if (profile.user() != null) {
                user.set(profile.user());
            }
            sslMode.set(profile.sslMode());
            if (profile.sslRootCert() != null) {
                rootCert.set(profile.sslRootCert());
            }
            if (parsed.embeddedPassword() != null) {
                passwordFromUrl = parsed.embeddedPassword();
            }
            StringBuilder text2 = new StringBuilder(describe(profile));
            parsed.notes().forEach(n -> text2.append('\n').append(n));
            notes.set(text2.toString());
            clearError();
        } catch (OperatorException e) {
            if (!quietly) {
                showError(ErrorText.of(e));
            }
        }
    }

    /** The last test's answer: the target's identity, or empty. */
    final StringProperty testResult = new SimpleStringProperty("");

    /**
     * Connects once with what the fields say, reads the target's identity and closes again (`db ping`): no pool, no
     * session, nothing saved.
     */
    void testConnection(char[] password) {
        ConnectionTarget target = targetFromFields(password);
        if (target == null) {
            return;
        }
        testResult.set("");
        long started = System.nanoTime();
        runInDialog("Testing " + target.profile().address(), p -> jobs.x402.console.session.TargetProbe.identify(target),
                identity -> {
                    progressMessage.set("");
                    progress.set(0);
                    testResult.set("Reached " + identity.bannerLine() + " in "
                            + (System.nanoTime() - started) / 1_000_000 + " ms");
                });
    }

    /** The target the fields and the password describe; null (with the reason shown) when the fields do not. */
    private ConnectionTarget targetFromFields(char[] password) {
        ConnectionProfile profile;
        try {
            profile = profileFromFields();
        } catch (OperatorException e) {
            showError(ErrorText.of(e));
            return null;
        }
        Secret secret = password != null && password.length > 0 ? Secret.of(password) : passwordFromUrl;
        return ConnectionTarget.of(profile, secret);
    }

    private Secret passwordFromUrl;

    private static String describe(ConnectionProfile profile) {
        StringBuilder text = new StringBuilder(profile.isLoopback() ? "Local server" : "Remote server");
        text.append(" · sslmode=").append(profile.effectiveSslMode().parameter());
        if (profile.sslMode() == null && !profile.isLoopback()) {
            text.append(" (default: certificate and host name verified)");
        }
        if (!profile.poolerMode().limitation().isEmpty()) {
            text.append('\n').append(profile.poolerMode().limitation());
        }
        return text.toString();
    }

    ConnectionProfile profileFromFields() {
        String hostText = host.get() == null ? "" : host.get().trim();
        if (hostText.isEmpty()) {
            throw OperatorException.usage("No host given", "type a host name or paste a connection URL");
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.get().trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw OperatorException.usage("'" + port.get() + "' is not a port number", "use a number such as 5432");
        }
        if (portNumber < 1 || portNumber > 65535) {
            throw OperatorException.usage("Port " + portNumber + " is out of range", "use 1–65535, usually 5432");
        }
        if (user.get() == null || user.get().isBlank()) {
            throw OperatorException.usage("No role given", "type the database role, e.g. postgres");
        }
        String name = profileName.get() == null || profileName.get().isBlank() ? hostText : profileName.get().trim();
        String db = database.get() == null || database.get().isBlank() ? "postgres" : database.get().trim();
        String cert = rootCert.get() == null || rootCert.get().isBlank() ? null : rootCert.get().trim();
        if (cert != null && !java.nio.file.Files.isReadable(java.nio.file.Path.of(cert))) {
            throw OperatorException.usage("The CA certificate " + cert + " does not exist or cannot be read",
                    "choose the project's CA certificate file (Supabase: Database settings, SSL Configuration)");
        }
        return new ConnectionProfile(name, hostText, portNumber, db, user.get().trim(), sslMode.get(), cert, Map.of(),
                schemaVariant.get());
    }

    /** Connects to the typed target with the given password (wiped by the caller). */
    void connect(char[] password) {
        ConnectionTarget target = targetFromFields(password);
        if (target == null) {
            return;
        }
        ConnectionProfile profile = target.profile();
        if (saveProfile.get()) {
            profiles.save(profile);
            reloadProfiles();
        }
        start("Connecting to " + profile.address(), p -> ConsoleSession.open(environment, target, p), profile.name());
    }

    /** Where the sandbox keeps its data (what a reset deletes). */
    java.nio.file.Path sandboxDirectory() {
        return SandboxApi.of(environment).dataDirectory();
    }

    /** The schema variant a reset builds: the one chosen in the dialog, else the specification's. */
    SchemaVariant resetVariant() {
        return schemaVariant.get() == null ? SchemaVariant.SEED : schemaVariant.get();
    }

    /** Deletes the sandbox, builds it again (audited) and connects to it; the operator confirmed already. */
    void resetSandbox() {
        SchemaVariant variant = resetVariant();
        start("Resetting the sandbox", p -> {
            SandboxApi sandbox = SandboxApi.of(environment);
            sandbox.reset(true, variant, jobs.x402.console.core.Confirmation.given(), p);
            return sandbox.open(p);
        }, jobs.x402.console.ui.shell.WindowPreferences.SANDBOX);
    }

    /** Starts (or attaches to) the embedded sandbox and connects to it. */
    void openSandbox() {
        start("Opening the sandbox", p -> SandboxApi.of(environment).open(p),
                jobs.x402.console.ui.shell.WindowPreferences.SANDBOX);
    }

    private void start(String title, TaskRunner.Work<ConsoleSession> work, String targetName) {
        TaskRunner.Work<ConsoleSession> cancellable = p -> {
            ConsoleSession session = work.run(shownOnThisDialog(p));
            if (p.isCancelled()) { // a connect that completes after cancel must not leak its pool
                session.close();
                throw new jobs.x402.console.core.OperationCancelledException();
            }
            return session;
        };
        runInDialog(title, cancellable, session -> onConnected.accept(session, targetName));
    }

    /**
     * One step of the dialog (connect, test): one at a time, its progress and its error shown on the dialog, Cancel
     * able to stop it.
     */
    private <T> void runInDialog(String title, TaskRunner.Work<T> work, Consumer<T> onSuccess) {
        if (busy.get()) {
            return;
        }
        clearError();
        busy.set(true);
        progress.set(-1);
        progressMessage.set(title);
        running = tasks.run(title, work, value -> {
            busy.set(false);
            running = null;
            onSuccess.accept(value);
        }, failure -> {
            busy.set(false);
            running = null;
            progressMessage.set(""); // "Connecting to …" must not stay beside the error that ended it
            progress.set(0);
            showError(ErrorText.of(failure));
        }, () -> {
            busy.set(false);
            running = null;
            progressMessage.set("Cancelled");
        });
    }

    /** The dialog's own progress bar follows the connect; updates are posted to the UI thread. */
    private ProgressListener shownOnThisDialog(ProgressListener inner) {
        return new ProgressListener() {
            @Override
            public void progress(long done, long total, String message) {
                inner.progress(done, total, message);
                double fraction = total > 0 ? (double) done / total : -1;
                tasks.onUiThread(() -> {
                    progress.set(fraction);
                    if (message != null) {
                        progressMessage.set(message);
                    }
                });
            }

            @Override
            public boolean isCancelled() {
                return inner.isCancelled();
            }
        };
    }

    /** Cancels the connect in progress; returns false when there was none. */
    boolean cancel() {
        if (running != null && busy.get()) {
            running.cancel();
            return true;
        }
        return false;
    }

    private void showError(ErrorText error) {
        errorProblem.set(error.problem());
        errorRemedy.set(error.remedy());
    }

    void clearError() {
        errorProblem.set("");
        errorRemedy.set("");
    }
}

package jobs.x402.console.ui.keys;

import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.Duration;
import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.Secret;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.keys.EncryptedKeyTable;
import jobs.x402.console.keys.HealthReport;
import jobs.x402.console.keys.IntegrationCipher;
import jobs.x402.console.keys.IntegrationSecretSource;
import jobs.x402.console.keys.KeyAudit;
import jobs.x402.console.keys.KeyEditor;
import jobs.x402.console.keys.KeyFilter;
import jobs.x402.console.keys.KeyHealthScan;
import jobs.x402.console.keys.KeyListing;
import jobs.x402.console.keys.KeyPage;
import jobs.x402.console.keys.KeyQuery;
import jobs.x402.console.keys.KeyRow;
import jobs.x402.console.keys.KeyVerdict;
import jobs.x402.console.keys.KeyVerifier;
import jobs.x402.console.keys.RotationReport;
import jobs.x402.console.keys.SecretRotation;
import jobs.x402.console.keys.SecretVault;
import jobs.x402.console.keys.UnlockedVault;
import jobs.x402.console.keys.VerificationResult;
import jobs.x402.console.keys.VerifyAllReport;
import jobs.x402.console.openrouter.KeyInfo;
import jobs.x402.console.openrouter.OpenRouterClient;
import jobs.x402.console.ui.shell.ConsoleContext;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The keys page's state. Pages of rows are read and decrypted in the background, {@link KeyListing#DEFAULT_PAGE_SIZE}
 * at a time, so a 100k-row table shows its first screen after one page and the window holds only what was scrolled.
 * The secret lives here as a cipher (derived key only) until forgotten or the page's session ends.
 */
public final class KeysViewModel {
    // package-visible so a UI test can shorten them; the operator always gets 20 s and 30 s
    static Duration revealDuration = Duration.seconds(20);
    static Duration clipboardDuration = Duration.seconds(30);

    private final ConsoleContext context;
    final ObservableList<KeyRow> rows = FXCollections.observableArrayList();
    final StringProperty search = new SimpleStringProperty("");
    final ObjectProperty<KeyFilter> filter = new SimpleObjectProperty<>(KeyFilter.ALL);
    final StringProperty secretStatus = new SimpleStringProperty("No secret loaded");
    final BooleanProperty secretLoaded = new SimpleBooleanProperty(false);
    final StringProperty countText = new SimpleStringProperty("");
    final BooleanProperty loading = new SimpleBooleanProperty(false);
    final BooleanProperty busy = new SimpleBooleanProperty(false);
    final BooleanProperty hasMore = new SimpleBooleanProperty(false);
    final StringProperty result = new SimpleStringProperty("");
    final StringProperty revealedKey = new SimpleStringProperty("");
    final StringProperty revealedUser = new SimpleStringProperty("");
    final IntegerProperty revealSecondsLeft = new SimpleIntegerProperty(0);
    final BooleanProperty revealVisible = new SimpleBooleanProperty(false);

    private IntegrationCipher cipher;
    private UUID cursor;
    private long generation;
    private long total = -1;
    private Timeline revealTimer;
    private PauseTransition clipboardTimer;
    private OpenRouterClient client;

    /** The target's OpenRouter key table (its name depends on the schema variant). */
    EncryptedKeyTable openRouterTable() {
        return EncryptedKeyTable.openRouter(context.session().schemaVariant());
    }

    public KeysViewModel(ConsoleContext context) {
        this.context = context;
        context.sessionProperty().addListener((obs, old, session) -> {
            hideReveal();
            rows.clear();
        });
    }

    // ---------------------------------------------------------------- the secret

    void loadSecretFromEnvironment() {
        loadSecret(IntegrationSecretSource.environment());
    }

    void loadTypedSecret(char[] typed) {
        try {
            loadSecret(IntegrationSecretSource.typed(typed));
        } finally {
            Arrays.fill(typed, '\0');
        }
    }

    /** Unlocks the vault in the background (Argon2id takes about a second) and takes its integration secret. */
    void loadSecretFromVault(char[] passphrase) {
        Secret phrase = Secret.of(passphrase);
        Arrays.fill(passphrase, '\0');
        busy.set(true);
        context.tasks().run("Unlocking the vault", progress -> {
            try (phrase; UnlockedVault vault = SecretVault.in(context.home()).unlock(phrase);
                 IntegrationSecretSource source = IntegrationSecretSource.vault(vault);
                 Secret secret = source.load()) {
                return IntegrationCipher.forSecret(secret);
            }
        }, loaded -> {
            busy.set(false);
            useCipher(loaded, "the local vault");
        }, this::failed);
    }

    private void loadSecret(IntegrationSecretSource source) {
        try (source; Secret secret = source.load()) {
            useCipher(IntegrationCipher.forSecret(secret), source.description());
        } catch (RuntimeException e) {
            context.showError(e);
        }
    }

    private void useCipher(IntegrationCipher loaded, String from) {
        if (cipher != null) {
            cipher.close();
        }
        cipher = loaded;
        secretLoaded.set(true);
        secretStatus.set("Secret loaded from " + from);
        reload();
    }

    void forgetSecret() {
        if (cipher != null) {
            cipher.close();
            cipher = null;
        }
        secretLoaded.set(false);
        secretStatus.set("No secret loaded");
        hideReveal();
        reload();
    }

    // ---------------------------------------------------------------- the list

    /** The first page and the count, read again; a newer reload makes an older one's answer be ignored. */
    void reload() {
        DatabaseSession session = context.session();
        if (session == null) {
            return;
        }
        long mine = ++generation;
        KeyQuery query = new KeyQuery(search.get(), filter.get());
        IntegrationCipher current = cipher;
        loading.set(true);
        context.tasks().run("Reading keys", progress -> {
            KeyListing listing = new KeyListing(session);
            if (!listing.tableExists()) {
                return null;
            }
            KeyPage page = listing.page(query, null, KeyListing.DEFAULT_PAGE_SIZE, current);
            long count = listing.count(query);
            return Map.entry(page, count);
        }, read -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            if (read == null) {
                rows.clear();
                hasMore.set(false);
                countText.set("No key table here yet: migration 005 creates "
                        + EncryptedKeyTable.openRouter(session.schemaVariant()).table());
                return;
            }
            total = read.getValue();
            rows.setAll(read.getKey().rows());
            advance(read.getKey());
        }, failure -> {
            if (mine == generation) {
                loading.set(false);
                rows.clear();
                hasMore.set(false);
                countText.set("");
                context.showError(failure);
            }
        });
    }

    void loadMore() {
        DatabaseSession session = context.session();
        if (session == null || loading.get() || !hasMore.get()) {
            return;
        }
        long mine = generation;
        KeyQuery query = new KeyQuery(search.get(), filter.get());
        UUID after = cursor;
        IntegrationCipher current = cipher;
        loading.set(true);
        context.tasks().run("Reading more keys", progress -> new KeyListing(session)
                .page(query, after, KeyListing.DEFAULT_PAGE_SIZE, current), page -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            rows.addAll(page.rows());
            advance(page);
        }, failure -> {
            loading.set(false);
            context.showError(failure);
        });
    }

    private void advance(KeyPage page) {
        cursor = page.nextCursor();
        hasMore.set(page.hasMore());
        String of = filter.get() == KeyFilter.UNDECRYPTABLE ? "" : " of " + String.format("%,d", total);
        countText.set(String.format("%,d", rows.size()) + of + " shown" + (page.hasMore() ? " — scroll for more"
                : ""));
    }

    // ---------------------------------------------------------------- changes

    void set(UUID userId, char[] key, boolean verifyFirst, boolean force, Runnable onSaved) {
        Secret secret = Secret.of(key);
        Arrays.fill(key, '\0');
        withCipherAndSession("Saving the key of " + userId, (session, current) -> {
            try (secret) {
                KeyAudit audit = audit(session);
                KeyVerdict verdict = null;
                if (verifyFirst) {
                    VerificationResult check = new KeyVerifier(session, client(), audit).check(secret);
                    verdict = check.verdict();
                    if (verdict == KeyVerdict.UNAVAILABLE) {
                        throw jobs.x402.console.core.OperatorException.failure("Could not verify the key: "
                                + check.problem(), "try again later, or save without verifying", null);
                    }
                }
                KeyEditor.SetResult saved = new KeyEditor(session, audit).set(userId, secret, current, verdict, force);
                return (saved.replaced() ? "Replaced" : "Set") + " the key of " + userId + ": " + saved.maskedKey()
                        + (verdict == null ? "" : " (" + verdict.text() + ")");
            }
        }, text -> {
            onSaved.run();
            done(text);
        });
    }

    void enable(KeyRow row) {
        withSession("Enabling the key of " + row.userId(), session -> {
            new KeyEditor(session, audit(session)).enable(row.userId());
            return "Enabled the key of " + row.userId();
        });
    }

    void disable(KeyRow row) {
        withSession("Disabling the key of " + row.userId(), session -> {
            new KeyEditor(session, audit(session)).disable(row.userId());
            return "Disabled the key of " + row.userId();
        });
    }

    void delete(KeyRow row) {
        withSession("Deleting the key of " + row.userId(), session -> {
            new KeyEditor(session, audit(session)).delete(row.userId());
            return "Deleted the key of " + row.userId();
        });
    }

    void reveal(KeyRow row) {
        withCipherAndSession("Revealing the key of " + row.userId(), (session, current) -> {
            try (Secret key = new KeyEditor(session, audit(session)).reveal(row.userId(), current)) {
                return key.reveal();
            }
        }, clear -> {
            busy.set(false);
            showReveal(row.userId(), clear);
        });
    }

    private void showReveal(UUID userId, String clear) {
        stopRevealTimer();
        revealedUser.set(userId.toString());
        revealedKey.set(clear);
        revealVisible.set(true);
        int seconds = (int) Math.ceil(revealDuration.toSeconds());
        revealSecondsLeft.set(seconds);
        revealTimer = new Timeline(new KeyFrame(revealDuration.divide(seconds), e ->
                revealSecondsLeft.set(revealSecondsLeft.get() - 1)));
        revealTimer.setCycleCount(seconds);
        revealTimer.setOnFinished(e -> hideReveal());
        revealTimer.play();
    }

    void hideReveal() {
        stopRevealTimer();
        revealedKey.set("");
        revealedUser.set("");
        revealVisible.set(false);
    }

    private void stopRevealTimer() {
        if (revealTimer != null) {
            revealTimer.setOnFinished(null);
            revealTimer.stop();
            revealTimer = null;
        }
    }

    /** Puts the revealed key on the clipboard and clears the clipboard later, unless it was replaced meanwhile. */
    void copyRevealed() {
        String key = revealedKey.get();
        if (key.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(key);
        Clipboard.getSystemClipboard().setContent(content);
        if (clipboardTimer != null) {
            clipboardTimer.stop();
        }
        clipboardTimer = new PauseTransition(clipboardDuration);
        clipboardTimer.setOnFinished(e -> {
            Clipboard clipboard = Clipboard.getSystemClipboard();
            if (key.equals(clipboard.getString())) {
                clipboard.clear();
            }
        });
        clipboardTimer.play();
        result.set("Copied; the clipboard is cleared in " + (int) clipboardDuration.toSeconds() + " s");
    }

    void verify(KeyRow row) {
        withCipherAndSession("Verifying the key of " + row.userId(), (session, current) -> {
            VerificationResult checked = new KeyVerifier(session, client(), audit(session)).verify(row.userId(),
                    current);
            return describe(checked);
        }, this::done);
    }

    void verifyAll() {
        withCipherAndSession("Verifying every key", (session, current) -> {
            VerifyAllReport report = new KeyVerifier(session, client(), audit(session)).verifyAll(current,
                    KeyVerifier.DEFAULT_CONCURRENCY, progressOf());
            return "Verified " + report.results().size() + " keys" + (report.cancelled() ? " (cancelled)" : "") + ": "
                    + report.counts();
        }, this::done);
    }

    void scan() {
        withCipherAndSession("Scanning every key", (session, current) -> {
            HealthReport report = new KeyHealthScan(session).scan(EncryptedKeyTable.openRouter(session.schemaVariant()), current,
                    progressOf());
            return "Health scan: " + report.total() + " rows, " + report.unhealthy().size() + " not ok "
                    + report.countsByStatus();
        }, this::doneReading); // the scan only reads
    }

    /** Rotation: on success the page switches to the new secret, since every key is now under it. */
    void rotate(char[] newSecret, Set<EncryptedKeyTable> tables, boolean excludeUndecryptable) {
        IntegrationCipher next;
        try (Secret secret = Secret.of(newSecret)) {
            next = IntegrationCipher.forSecret(secret);
        } catch (RuntimeException e) {
            context.showError(e);
            return;
        } finally {
            Arrays.fill(newSecret, '\0');
        }
        withCipherAndSession("Rotating the integration secret", (session, current) -> {
            RotationReport report = new SecretRotation(session, audit(session)).rotate(tables, current, next,
                    excludeUndecryptable, progressOf());
            return report;
        }, report -> {
            busy.set(false);
            context.databaseChanged();
            useCipher(next, "the rotation (new secret)");
            result.set("Rotated " + report.rotatedRows() + " rows in " + report.millis() + " ms; excluded "
                    + report.excluded().size() + "; health scan with the new secret: "
                    + (report.verifiedAfter() ? "every rotated row decrypts" : "ROWS DO NOT DECRYPT"));
        }, next::close);
    }

    List<Map.Entry<UUID, String>> findUsers(String text) {
        DatabaseSession session = context.session();
        return session == null ? List.of() : new KeyEditor(session, audit(session)).findUsers(text, 50);
    }

    /** Runs {@link #findUsers} in the background. */
    void findUsers(String text, Consumer<List<Map.Entry<UUID, String>>> onFound) {
        context.tasks().run("Finding users", progress -> findUsers(text), onFound, context::showError);
    }

    // ---------------------------------------------------------------- plumbing

    private static String describe(VerificationResult checked) {
        return "Key of " + checked.userId() + ": " + jobs.x402.console.keys.KeyVerificationText.describe(checked);
    }

    // set by the running task so long services see its cancel button
    private final ThreadLocal<jobs.x402.console.core.ProgressListener> taskProgress = new ThreadLocal<>();

    private jobs.x402.console.core.ProgressListener progressOf() {
        jobs.x402.console.core.ProgressListener progress = taskProgress.get();
        return progress == null ? jobs.x402.console.core.ProgressListener.NONE : progress;
    }

    private KeyAudit audit(DatabaseSession session) {
        return new KeyAudit(AuditLog.in(context.home()), session.identity());
    }

    private synchronized OpenRouterClient client() {
        if (client == null) {
            String base = System.getenv("OPENROUTER_BASE_URL");
            client = OpenRouterClient.builder().baseUrl(base == null || base.isBlank()
                    ? OpenRouterClient.DEFAULT_BASE_URL : base).build();
        }
        return client;
    }

    /** Lets a test point verification at a mock server. */
    void useOpenRouter(OpenRouterClient testClient) {
        this.client = testClient;
    }

    @FunctionalInterface
    private interface SessionWork<T> {
        T run(DatabaseSession session) throws Exception;
    }

    @FunctionalInterface
    private interface CipherWork<T> {
        T run(DatabaseSession session, IntegrationCipher cipher) throws Exception;
    }

    private void withSession(String title, SessionWork<String> work) {
        DatabaseSession session = context.session();
        if (session == null) {
            return;
        }
        busy.set(true);
        whenCancelled(context.tasks().run(title, progress -> work.run(session), this::done, this::failed),
                () -> { });
    }

    private <T> void withCipherAndSession(String title, CipherWork<T> work, Consumer<T> onSuccess) {
        withCipherAndSession(title, work, onSuccess, () -> { });
    }

    private <T> void withCipherAndSession(String title, CipherWork<T> work, Consumer<T> onSuccess,
                                          Runnable onFailure) {
        DatabaseSession session = context.session();
        if (session == null) {
            onFailure.run();
            return;
        }
        if (cipher == null) {
            onFailure.run();
            context.showError(jobs.x402.console.core.OperatorException.usage("No integration secret loaded",
                    "load it from the environment, type it, or unlock the vault (Integration secret menu)"));
            return;
        }
        IntegrationCipher current = cipher;
        busy.set(true);
        whenCancelled(context.tasks().run(title, progress -> {
            taskProgress.set(progress);
            try {
                return work.run(session, current);
            } finally {
                taskProgress.remove();
            }
        }, value -> {
            busy.set(false);
            onSuccess.accept(value);
        }, failure -> {
            onFailure.run();
            failed(failure);
        }), onFailure);
    }

    /** A cancelled task calls neither handler: free the page and show what the service rolled back to. */
    private void whenCancelled(javafx.concurrent.Task<?> task, Runnable cleanup) {
        task.setOnCancelled(e -> {
            cleanup.run();
            busy.set(false);
            result.set("Cancelled: nothing was changed by the cancelled step");
            reload();
        });
    }

    /** A step that wrote to the database finished: the other pages read again when next shown. */
    private void done(String text) {
        context.databaseChanged();
        doneReading(text);
    }

    private void doneReading(String text) {
        busy.set(false);
        result.set(text);
        context.showStatus(text);
        reload();
    }

    private void failed(Throwable failure) {
        busy.set(false);
        context.showError(failure);
        reload();
    }
}

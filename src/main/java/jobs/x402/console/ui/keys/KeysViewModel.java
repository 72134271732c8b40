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
import jobs.x402.console.core.Secret;
import jobs.x402.console.keys.EncryptedKeyTable;
import jobs.x402.console.keys.IntegrationCipher;
import jobs.x402.console.keys.KeyFilter;
import jobs.x402.console.keys.KeyPage;
import jobs.x402.console.keys.KeyQuery;
import jobs.x402.console.keys.KeyRow;
import jobs.x402.console.core.Confirmation;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.session.KeysApi;
import jobs.x402.console.session.KeysText;
import jobs.x402.console.session.VaultApi;
import jobs.x402.console.ui.shell.ConsoleContext;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The keys page's state. Pages of rows are read and decrypted in the background, {@link KeysApi#PAGE_SIZE}
 * at a time, so a 100k-row table shows its first screen after one page and the window holds only what was scrolled.
 * The secret lives here as a cipher (derived key only) until forgotten.
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

    private KeysApi.LoadedSecret secret;
    private UUID cursor;
    private long generation;
    private long total = -1;
    private Timeline revealTimer;
    private PauseTransition clipboardTimer;
    /** Where verification asks OpenRouter; null: the environment's OPENROUTER_BASE_URL, else the public API. */
    private String openRouterUrl;

    /** The target's OpenRouter key table (its name depends on the schema variant). */
    EncryptedKeyTable openRouterTable() {
        return context.session().keys().openRouterTable();
    }

    private final jobs.x402.console.ui.Dialogs dialogs;

    public KeysViewModel(ConsoleContext context, jobs.x402.console.ui.Dialogs dialogs) {
        this.context = context;
        this.dialogs = dialogs;
        context.sessionProperty().addListener((obs, old, session) -> {
            hideReveal();
            rows.clear();
        });
    }

    // ---------------------------------------------------------------- the secret

    void loadSecretFromEnvironment() {
        try {
            useSecret(KeysApi.secretFromVariable(context.environment(), null));
        } catch (RuntimeException e) {
            context.showError(e);
        }
    }

    void loadTypedSecret(char[] typed) {
        try {
            useSecret(KeysApi.typedSecret(typed));
        } catch (RuntimeException e) {
            context.showError(e);
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
            try (phrase) {
                return KeysApi.secretFromVault(context.environment(), phrase);
            }
        }, loaded -> {
            busy.set(false);
            useSecret(loaded);
        }, this::failed, () -> busy.set(false));
    }

    /** Creates the vault holding the typed integration secret (Argon2id: about a second, in the background). */
    void createVault(char[] passphrase, char[] repeated, char[] integrationSecret) {
        vaultChange("Creating the vault", passphrase, repeated, integrationSecret, VaultApi::create,
                status -> "Created the vault " + status.file() + "; it holds the integration secret. Load it with"
                        + " Integration secret → From the local vault…");
    }

    void changeVaultPassphrase(char[] current, char[] next, char[] repeated) {
        vaultChange("Changing the vault passphrase", current, next, repeated, VaultApi::changePassphrase,
                status -> "The vault " + status.file() + " is sealed under the new passphrase.");
    }

    @FunctionalInterface
    private interface VaultChange {
        VaultApi.VaultStatus run(VaultApi vault, Secret first, Secret second, Secret third);
    }

    /** Copies the typed chars into secrets and wipes them at once; the secrets live until the change is done. */
    private void vaultChange(String title, char[] first, char[] second, char[] third, VaultChange change,
                             java.util.function.Function<VaultApi.VaultStatus, String> done) {
        Secret a = Secret.of(first);
        Secret b = Secret.of(second);
        Secret c = Secret.of(third);
        Arrays.fill(first, '\0');
        Arrays.fill(second, '\0');
        Arrays.fill(third, '\0');
        busy.set(true);
        context.tasks().run(title, progress -> {
            try (a; b; c) {
                return change.run(VaultApi.of(context.environment()), a, b, c);
            }
        }, status -> {
            busy.set(false);
            result.set(done.apply(status));
        }, this::failed, () -> busy.set(false));
    }

    private void useSecret(KeysApi.LoadedSecret loaded) {
        if (secret != null) {
            secret.close();
        }
        secret = loaded;
        secretLoaded.set(true);
        secretStatus.set("Integration secret loaded (" + loaded.source() + ")");
        reload();
    }

    void forgetSecret() {
        if (secret != null) {
            secret.close();
            secret = null;
        }
        secretLoaded.set(false);
        secretStatus.set("No secret loaded");
        hideReveal();
        reload();
    }

    // ---------------------------------------------------------------- the list

    /** The first page and the count, read again; a newer reload makes an older one's answer be ignored. */
    void reload() {
        ConsoleSession session = context.session();
        if (session == null) {
            return;
        }
        long mine = ++generation;
        KeyQuery query = new KeyQuery(search.get(), filter.get());
        IntegrationCipher current = cipher();
        loading.set(true);
        context.tasks().run("Reading keys", progress -> {
            KeysApi keys = session.keys();
            if (!keys.tableExists()) {
                return null;
            }
            KeyPage page = keys.page(query, null, KeysApi.PAGE_SIZE, current);
            long count = keys.count(query);
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
                        + session.keys().openRouterTable().table());
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
        }, () -> loading.set(false));
    }

    void loadMore() {
        ConsoleSession session = context.session();
        if (session == null || loading.get() || !hasMore.get()) {
            return;
        }
        long mine = generation;
        KeyQuery query = new KeyQuery(search.get(), filter.get());
        UUID after = cursor;
        IntegrationCipher current = cipher();
        loading.set(true);
        context.tasks().run("Reading more keys", progress -> session.keys()
                .page(query, after, KeysApi.PAGE_SIZE, current), page -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            rows.addAll(page.rows());
            advance(page);
        }, failure -> {
            loading.set(false);
            context.showError(failure);
        }, () -> loading.set(false));
    }

    private void advance(KeyPage page) {
        cursor = page.nextCursor();
        hasMore.set(page.hasMore());
        String of = filter.get() == KeyFilter.UNDECRYPTABLE ? "" : " of " + String.format("%,d", total);
        countText.set(String.format("%,d", rows.size()) + of + " shown" + (page.hasMore() ? " — scroll for more"
                : ""));
    }

    // ---------------------------------------------------------------- changes

    /**
     * Saves a key for a user picked in the set dialog.
     *
     * @param email  how the confirmation names the user (their id when null or blank)
     * @param hasKey whether the user has a key now, as the dialog looked it up; null when not known yet
     */
    void set(UUID userId, String email, Boolean hasKey, char[] key, boolean verifyFirst, boolean force,
             Runnable onSaved) {
        String consequence = Boolean.TRUE.equals(hasKey) ? "The key this user has now is replaced."
                : Boolean.FALSE.equals(hasKey) ? "This user has no key yet: this is their first."
                : "If this user has a key, it is replaced.";
        String question = "Save the key for " + who(userId, email) + "?";
        String explained = consequence + " The key is stored encrypted with the loaded secret"
                + (verifyFirst ? ", after OpenRouter confirms it." : ".");
        boolean safe = Boolean.FALSE.equals(hasKey); // a first key replaces nothing
        if (!(safe ? askedSafe("Save key", question, explained, "Save") : asked("Save key", question, explained, "Save"))) {
            Arrays.fill(key, '\0');
            return;
        }
        Secret typedKey = Secret.of(key);
        Arrays.fill(key, '\0');
        String url = openRouterUrl;
        withSecret("Saving the key of " + who(userId, email), (keys, current, progress) -> {
            try (typedKey) {
                return KeysText.saved(keys.set(new KeysApi.SetKeyRequest(userId, typedKey, verifyFirst, force, url,
                        Confirmation.given()), current, progress), who(userId, email));
            }
        }, text -> {
            onSaved.run();
            done(text);
        }, typedKey::close);
    }

    /** A user as an operator knows them: the email, with the id only when there is no email. */
    static String who(UUID userId, String email) {
        return email == null || email.isBlank() ? userId.toString() : email;
    }

    static String who(KeyRow row) {
        return who(row.userId(), row.email());
    }

    /**
     * The Valid column: what OpenRouter said when it was last asked. A key nobody verified is "not verified", not
     * "yes" (is_valid defaults to true when a row is written).
     */
    static String validity(KeyRow row) {
        if (row.lastVerifiedAt() == null) {
            return "not verified";
        }
        return row.valid() == null ? "unknown" : row.valid() ? "yes" : "no";
    }

    /** Whether the key is on the page with this user, as the database answered (a background read). */
    void lookUpKey(UUID userId, Consumer<Boolean> onAnswer) {
        ConsoleSession session = context.session();
        if (session == null) {
            return;
        }
        context.tasks().run("Looking up the user's key", progress -> session.keys().hasKey(userId), onAnswer,
                failure -> { }); // the confirmation then says "if this user has a key"
    }

    void enable(KeyRow row) {
        if (!askedSafe("Enable key", "Enable the key of " + who(row) + "?",
                "The user's openrouter_instant resources run with it again.", "Enable")) {
            return;
        }
        withSession("Enabling the key of " + who(row), keys -> {
            keys.enable(row.userId());
            return KeysText.enabled(who(row), true);
        });
    }

    void disable(KeyRow row) {
        if (!asked("Disable key", "Disable the key of " + who(row) + "?", "The backend refuses to run this"
                + " user's openrouter_instant resources until it is enabled.", "Disable")) {
            return;
        }
        withSession("Disabling the key of " + who(row), keys -> {
            keys.disable(row.userId());
            return KeysText.enabled(who(row), false);
        });
    }

    void delete(KeyRow row) {
        if (!asked("Delete key", "Delete the key of " + who(row) + "?",
                "This cannot be undone: the user has to enter their key again.", "Delete")) {
            return;
        }
        withSession("Deleting the key of " + who(row), keys -> {
            keys.delete(row.userId(), Confirmation.given());
            return KeysText.deleted(who(row));
        });
    }

    void reveal(KeyRow row) {
        if (!asked("Reveal key", "Show the key of " + who(row) + " in clear?", "It is shown for "
                + (int) revealDuration.toSeconds() + " seconds and the reveal is recorded in the audit log.",
                "Reveal")) {
            return;
        }
        withSecret("Revealing the key of " + row.userId(), (keys, current, progress) -> {
            try (Secret revealed = keys.reveal(row.userId(), current, Confirmation.given())) {
                return revealed.reveal();
            }
        }, clear -> {
            busy.set(false);
            showReveal(row.userId(), clear);
        }, () -> { });
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
        String url = openRouterUrl;
        withSecret("Verifying the key of " + who(row), (keys, current, progress) ->
                KeysText.verified(keys.verify(row.userId(), current, url)), this::done, () -> { });
    }

    void verifyAll() {
        if (!askedSafe("Verify all keys", "Ask OpenRouter about every key?", "A few keys at a time; OpenRouter's rate"
                + " limits are honoured. Cancel from the status bar.", "Verify all")) {
            return;
        }
        String url = openRouterUrl;
        Map<UUID, String> emails = new java.util.HashMap<>();
        rows.forEach(r -> emails.put(r.userId(), who(r)));
        withSecret("Verifying every key", (keys, current, progress) -> KeysText.verifiedAllWithReasons(
                keys.verifyAll(current, KeysApi.DEFAULT_VERIFY_CONCURRENCY, url, progress),
                id -> emails.getOrDefault(id, id.toString())), this::done, () -> { });
    }

    /** The last health scan as bars: each outcome in words and how many rows had it, ok first. Empty before one. */
    final ObservableList<Map.Entry<String, Long>> healthBars = FXCollections.observableArrayList();

    void scan() {
        withSecret("Scanning every key", (keys, current, progress) -> keys.scan(keys.openRouterTable(), current,
                progress), report -> {
                    healthBars.setAll(report.countsByStatus().entrySet().stream()
                            .map(e -> Map.entry(e.getKey().name().toLowerCase(java.util.Locale.ROOT)
                                    .replace('_', ' '), e.getValue())).toList());
                    doneReading(KeysText.scanned(report)); // the scan only reads
                }, () -> { });
    }

    /** Rotation: on success the page switches to the new secret, since every key is now under it. */
    void rotate(char[] newSecret, Set<EncryptedKeyTable> tables, boolean excludeUndecryptable) {
        if (!asked("Rotate secret", "Re-encrypt every key under the new secret?", "One transaction; cancel from the"
                + " status bar rolls it back. The backend must switch to the new secret at the same time.",
                "Rotate")) {
            Arrays.fill(newSecret, '\0');
            return;
        }
        KeysApi.LoadedSecret next;
        try {
            next = KeysApi.typedSecret(newSecret);
        } catch (RuntimeException e) {
            context.showError(e);
            return;
        } finally {
            Arrays.fill(newSecret, '\0');
        }
        withSecret("Rotating the integration secret", (keys, current, progress) -> keys.rotate(tables, current,
                next.cipher(), excludeUndecryptable, Confirmation.given(), progress), report -> {
                    busy.set(false);
                    context.databaseChanged();
                    useSecret(new KeysApi.LoadedSecret(next.cipher(), "the rotation (new secret)"));
                    result.set(KeysText.rotated(report));
                }, next::close);
    }

    /** Users matching {@code text}, read in the background for the picker. */
    void findUsers(String text, Consumer<List<Map.Entry<UUID, String>>> onFound) {
        ConsoleSession session = context.session();
        if (session == null) {
            onFound.accept(List.of());
            return;
        }
        context.tasks().run("Finding users", progress -> session.keys().findUsers(text, 50), onFound,
                context::showError);
    }

    // ---------------------------------------------------------------- plumbing

    /** Asks before a change, under the target banner; no session means no question and no change. */
    private boolean asked(String title, String question, String consequence, String action) {
        ConsoleSession session = context.session();
        return session != null && dialogs.confirm(session.identity(), title, question + "\n\n" + consequence, null,
                action);
    }

    /** As {@link #asked}, for a step that loses nothing: Enter does it. */
    private boolean askedSafe(String title, String question, String consequence, String action) {
        ConsoleSession session = context.session();
        return session != null && dialogs.confirmSafe(session.identity(), title, question + "\n\n" + consequence,
                null, action);
    }

    private IntegrationCipher cipher() {
        return secret == null ? null : secret.cipher();
    }

    /** Lets a test point verification at a mock server. */
    void useOpenRouterUrl(String url) {
        this.openRouterUrl = url;
    }

    @FunctionalInterface
    private interface KeysWork<T> {
        T run(KeysApi keys) throws Exception;
    }

    @FunctionalInterface
    private interface SecretWork<T> {
        T run(KeysApi keys, IntegrationCipher cipher, ProgressListener progress) throws Exception;
    }

    private void withSession(String title, KeysWork<String> work) {
        ConsoleSession session = context.session();
        if (session == null) {
            return;
        }
        busy.set(true);
        context.tasks().run(title, progress -> work.run(session.keys()), this::done, this::failed,
                this::cancelled);
    }

    /** Work that needs the loaded secret; {@code onNotDone} runs when it cannot start, fails or is cancelled. */
    private <T> void withSecret(String title, SecretWork<T> work, Consumer<T> onSuccess, Runnable onNotDone) {
        ConsoleSession session = context.session();
        if (session == null) {
            onNotDone.run();
            return;
        }
        IntegrationCipher current = cipher();
        if (current == null) {
            onNotDone.run();
            context.showError(OperatorException.usage("No integration secret loaded",
                    "load it from the environment, type it, or unlock the vault (Integration secret menu)"));
            return;
        }
        busy.set(true);
        context.tasks().run(title, progress -> work.run(session.keys(), current, progress), value -> {
            busy.set(false);
            onSuccess.accept(value);
        }, failure -> {
            onNotDone.run();
            failed(failure);
        }, () -> {
            onNotDone.run();
            cancelled();
        });
    }

    /** A cancelled task calls neither handler: free the page and show what the service rolled back to. */
    private void cancelled() {
        busy.set(false);
        result.set("Cancelled: nothing was changed by the cancelled step");
        reload();
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

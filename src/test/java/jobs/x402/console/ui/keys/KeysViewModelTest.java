package jobs.x402.console.ui.keys;

import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.Secret;
import jobs.x402.console.keys.EncryptedKeyTable;
import jobs.x402.console.keys.IntegrationCipher;
import jobs.x402.console.keys.KeyFixtures;
import jobs.x402.console.keys.KeyRow;
import jobs.x402.console.keys.Migration005;
import jobs.x402.console.session.ConsoleEnvironment;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.ui.ErrorText;
import jobs.x402.console.ui.shell.ConsoleContext;
import jobs.x402.console.ui.tasks.SameThreadTaskRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Keys page's view model without a toolkit: same-thread tasks, a real database with 005 and stored keys. */
@ExtendWith(DatabaseExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeysViewModelTest {
    private static final boolean TOOLKIT_BEFORE = jobs.x402.console.ui.tasks.NoToolkit.isRunning();
    private static final String SECRET = "vm-keys-secret-4Qx";
    private static List<UUID> users;

    @TempDir
    static Path home;

    private final SameThreadTaskRunner tasks = new SameThreadTaskRunner();
    private final List<ErrorText> errors = new ArrayList<>();
    private ConsoleContext context;
    private KeysViewModel model;

    @BeforeAll
    static void prepare(TestDatabase db) throws Exception {
        Migration005.apply(db);
        try (Connection c = db.connect(); IntegrationCipher cipher = IntegrationCipher.forSecret(Secret.of(SECRET))) {
            users = KeyFixtures.createUsers(c, 5, "vm");
            KeyFixtures.insertKeys(c, EncryptedKeyTable.openRouter(SchemaVariant.SEED), users.subList(0, 3), cipher);
        }
    }

    @BeforeEach
    void connect(TestDatabase db) {
        ConsoleEnvironment environment = new ConsoleEnvironment(ConsoleHome.fromEnvironment(
                Map.of(ConsoleHome.HOME_VARIABLE, home.toString())), Map.of());
        context = new ConsoleContext(environment, tasks);
        context.onError(errors::add);
        model = new KeysViewModel(context, jobs.x402.console.ui.Dialogs.YES);
        context.setSession(ConsoleSession.open(environment, db.target(), ProgressListener.NONE));
    }

    @org.junit.jupiter.api.AfterAll
    static void noToolkitWasNeeded() {
        jobs.x402.console.ui.tasks.NoToolkit.assertNotStarted(TOOLKIT_BEFORE);
    }

    @AfterEach
    void close() {
        model.forgetSecret();
        context.session().close();
    }

    private KeyRow row(UUID user) {
        return model.rows.stream().filter(r -> r.userId().equals(user)).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void withTheSecretRowsDecryptAndAKeyIsSetAndDisabled(TestDatabase db) throws Exception {
        model.reload();
        assertThat(model.rows).hasSize(3).allSatisfy(r -> assertThat(r.decryptStatus()).isNull());
        model.loadTypedSecret(SECRET.toCharArray());
        assertThat(model.secretLoaded.get()).isTrue();
        assertThat(model.secretStatus.get()).isEqualTo("Integration secret loaded (typed by the operator)");
        assertThat(model.rows).hasSize(3).allSatisfy(r -> assertThat(r.maskedKey()).startsWith("sk-or-v1-"));
        assertThat(model.countText.get()).isEqualTo("3 of 3 shown");

        UUID fourth = users.get(3);
        model.set(fourth, "fourth@example.com", false, KeyFixtures.openRouterKey().toCharArray(), false, false,
                () -> { });
        assertThat(errors).isEmpty();
        assertThat(model.result.get()).startsWith("Set the key of fourth@example.com: sk-or-v1-");
        assertThat(model.rows).hasSize(4);

        model.disable(row(fourth));
        assertThat(model.result.get()).isEqualTo("Disabled the key of " + row(fourth).email());
        assertThat(row(fourth).enabled()).isFalse();
        assertThat(model.busy.get()).isFalse();
    }

    @Test
    @Order(2)
    void failuresAreShownAndChangeNothing() {
        model.reload();
        model.scan();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.problem())
                .isEqualTo("No integration secret loaded"));
        assertThat(model.busy.get()).isFalse();

        model.loadTypedSecret("not-the-backend-secret".toCharArray());
        model.set(users.get(4), null, null, KeyFixtures.openRouterKey().toCharArray(), false, false, () -> { });
        assertThat(errors).hasSize(2);
        assertThat(errors.get(1).problem()).contains("decrypts none");
        assertThat(model.busy.get()).isFalse();
        assertThat(model.rows).as("nothing saved").hasSize(4);
    }

    @Test
    @Order(3)
    void aVaultMadeOnThePageUnlocksTheSecretThatDecryptsTheRows() {
        model.createVault("page passphrase 1".toCharArray(), "page passphrase 2".toCharArray(), SECRET.toCharArray());
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.problem()).contains("passphrases differ"));
        model.createVault("page passphrase 1".toCharArray(), "page passphrase 1".toCharArray(),
                SECRET.toCharArray());
        assertThat(model.result.get()).startsWith("Created the vault");
        model.loadSecretFromVault("page passphrase 1".toCharArray());
        assertThat(model.secretStatus.get()).isEqualTo("Integration secret loaded (the local vault)");
        assertThat(model.rows).allSatisfy(r -> assertThat(r.maskedKey()).startsWith("sk-or-v1-"));
        model.changeVaultPassphrase("page passphrase 1".toCharArray(), "page passphrase 3".toCharArray(),
                "page passphrase 3".toCharArray());
        assertThat(model.result.get()).contains("sealed under the new passphrase");
        assertThat(errors).hasSize(1);
    }

    @Test
    @Order(4)
    void aDeclinedDeleteAsksUnderTheTargetBannerAndDeletesNothing() {
        List<String> asked = new ArrayList<>();
        KeysViewModel declining = new KeysViewModel(context, new jobs.x402.console.ui.Dialogs() {
            @Override
            public boolean confirm(jobs.x402.console.target.TargetIdentity target, String title, String text,
                                   String sql, String action) {
                asked.add(target.database() + " · " + title + " · " + action);
                return false;
            }

            @Override
            public String confirmTyped(jobs.x402.console.target.TargetIdentity target, String title, String text,
                                       String sql, String action) {
                asked.add(target.database() + " · " + title + " · " + action + " (typed)");
                return null;
            }
        });
        declining.reload();
        int before = declining.rows.size();
        declining.delete(declining.rows.get(0));
        assertThat(asked).containsExactly(context.session().identity().database() + " · Delete key · Delete");
        declining.reload();
        assertThat(declining.rows).hasSize(before);
        assertThat(tasks.titles()).noneMatch(t -> t.startsWith("Deleting"));
    }

    @Test
    @Order(5)
    void aCancelledRotationLeavesEveryKeyUnderTheOldSecret() {
        model.loadTypedSecret(SECRET.toCharArray());
        tasks.cancelTaskTitled("Rotating");
        model.rotate("a-new-secret-for-the-cancel".toCharArray(), Set.of(model.openRouterTable()), false);
        assertThat(model.result.get()).startsWith("Cancelled: nothing was changed");
        assertThat(model.busy.get()).isFalse();
        assertThat(model.secretStatus.get()).as("still the old secret").isEqualTo("Integration secret loaded (typed by the operator)");

        assertThat(model.healthBars).as("no bars before a scan").isEmpty();
        model.scan();
        assertThat(errors).isEmpty();
        assertThat(model.result.get()).startsWith("Health scan of").contains("4 rows, 0 not ok");
        assertThat(model.healthBars).containsExactly(Map.entry("ok", 4L));
    }

    @Test
    @Order(6)
    void theSetConfirmationNamesTheUserByEmailAndSaysReplacedOnlyWhenAKeyIsThere() {
        List<String> asked = new ArrayList<>();
        KeysViewModel recording = new KeysViewModel(context, new jobs.x402.console.ui.Dialogs() {
            @Override
            public boolean confirm(jobs.x402.console.target.TargetIdentity target, String title, String text,
                                   String sql, String action) {
                asked.add(text);
                return false;
            }

            @Override
            public String confirmTyped(jobs.x402.console.target.TargetIdentity target, String title, String text,
                                       String sql, String action) {
                return null;
            }
        });
        Boolean[] answers = new Boolean[2];
        recording.lookUpKey(users.get(0), found -> answers[0] = found);
        recording.lookUpKey(users.get(4), found -> answers[1] = found);
        assertThat(answers).as("users 0 has a key, user 4 has none").containsExactly(true, false);

        recording.set(users.get(0), "first@example.com", answers[0], KeyFixtures.openRouterKey().toCharArray(),
                false, false, () -> { });
        recording.set(users.get(4), "fifth@example.com", answers[1], KeyFixtures.openRouterKey().toCharArray(),
                true, false, () -> { });
        recording.set(users.get(4), "", null, KeyFixtures.openRouterKey().toCharArray(), false, false, () -> { });
        assertThat(asked.get(0)).startsWith("Save the key for first@example.com?")
                .contains("The key this user has now is replaced.");
        assertThat(asked.get(1)).startsWith("Save the key for fifth@example.com?")
                .contains("This user has no key yet").doesNotContain("replaced").contains("after OpenRouter confirms it");
        assertThat(asked.get(2)).startsWith("Save the key for " + users.get(4) + "?")
                .contains("If this user has a key, it is replaced.");
        assertThat(tasks.titles()).noneMatch(t -> t.startsWith("Saving"));
    }

    @Test
    @Order(7)
    void aKeyNobodyVerifiedIsNotShownAsValid() {
        model.loadTypedSecret(SECRET.toCharArray());
        KeyRow fresh = model.rows.stream().filter(r -> r.lastVerifiedAt() == null).findFirst().orElseThrow();
        assertThat(fresh.valid()).as("is_valid defaults to true in the table").isTrue();
        assertThat(KeysViewModel.validity(fresh)).isEqualTo("not verified");
        KeyRow checked = new KeyRow(fresh.userId(), fresh.email(), fresh.status(), fresh.decryptStatus(),
                fresh.maskedKey(), false, true, java.time.OffsetDateTime.now(), fresh.createdAt(), fresh.updatedAt());
        assertThat(KeysViewModel.validity(checked)).isEqualTo("no");
    }
}

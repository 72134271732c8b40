package jobs.x402.console.cli;

import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.Secret;
import jobs.x402.console.vault.SecretVault;
import jobs.x402.console.vault.UnlockedVault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `vault status|create|unlock|change-passphrase`: the vault the Keys page unlocks can now be made from the CLI. */
class VaultCommandTest {
    private static final String SECRET = "vault-cli-integration-secret-7Q";
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path home;

    private CliRun vault(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "vault";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(home, env, all);
    }

    @Test
    void createUnlockAndChangeThePassphraseWithNoSecretInAnyOutputOrFileInClear() throws Exception {
        Map<String, String> env = Map.of("INTEGRATION_ENCRYPTION_SECRET", SECRET, "VAULT_PASS", PASSPHRASE,
                "NEW_PASS", "a new passphrase, longer", "WRONG", "not it");
        CliRun none = vault(env, "status", "--json");
        assertThat(none.exitCode).isZero();
        assertThat(none.json().path("exists").asBoolean()).isFalse();

        CliRun created = vault(env, "create", "--passphrase-env", "VAULT_PASS");
        assertThat(created.exitCode).as(created.toString()).isZero();
        assertThat(created.out).contains("holds the integration secret");
        Path file = ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, home.toString()))
                .data(SecretVault.FILE_NAME);
        assertThat(Files.readString(file)).doesNotContain(SECRET).doesNotContain(PASSPHRASE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        CliRun again = vault(env, "create", "--passphrase-env", "VAULT_PASS");
        assertThat(again.exitCode).as("never overwritten").isEqualTo(4);

        CliRun wrong = vault(env, "unlock", "--passphrase-env", "WRONG");
        assertThat(wrong.exitCode).as(wrong.toString()).isEqualTo(3);
        assertThat(wrong.err).contains("passphrase is wrong");

        CliRun changed = vault(env, "change-passphrase", "--passphrase-env", "VAULT_PASS",
                "--new-passphrase-env", "NEW_PASS");
        assertThat(changed.exitCode).as(changed.toString()).isZero();
        assertThat(vault(env, "unlock", "--passphrase-env", "VAULT_PASS").exitCode).isEqualTo(3);
        CliRun unlocked = vault(env, "unlock", "--passphrase-env", "NEW_PASS", "--json");
        assertThat(unlocked.exitCode).isZero();
        assertThat(unlocked.json().path("holdsIntegrationSecret").asBoolean()).isTrue();
        try (UnlockedVault open = new SecretVault(file).unlock(Secret.of("a new passphrase, longer"))) {
            assertThat(open.integrationSecret()).hasValueSatisfying(s -> assertThat(s.reveal()).isEqualTo(SECRET));
        }

        for (CliRun run : new CliRun[] {created, wrong, changed, unlocked}) {
            assertThat(run.out + run.err).doesNotContain(SECRET).doesNotContain(PASSPHRASE);
        }
        String audit = Files.readString(home.resolve("data").resolve("audit.jsonl"));
        assertThat(audit).contains("vault.create").contains("vault.change-passphrase").doesNotContain(SECRET)
                .doesNotContain(PASSPHRASE);
    }

    @Test
    void withoutTheSecretNothingIsCreated() {
        CliRun missing = vault(Map.of("VAULT_PASS", PASSPHRASE), "create", "--passphrase-env", "VAULT_PASS");
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).contains("INTEGRATION_ENCRYPTION_SECRET is not set");
        assertThat(vault(Map.of(), "status", "--json").json().path("exists").asBoolean()).isFalse();
    }
}

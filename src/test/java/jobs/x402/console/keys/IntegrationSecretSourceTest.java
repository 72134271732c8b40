package jobs.x402.console.keys;

import jobs.x402.console.vault.SecretVault;
import jobs.x402.console.vault.UnlockedVault;
import jobs.x402.console.vault.VaultKdfParameters;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntegrationSecretSourceTest {
    private static final String SECRET = " secret-from-env-9c1e ";
    private static final VaultKdfParameters FAST = new VaultKdfParameters(1024, 1, 1);

    @TempDir
    Path dir;

    @Test
    void readsTheDefaultVariableAsIsWithoutTrimming() {
        IntegrationSecretSource source = IntegrationSecretSource.environment(
                Map.of("INTEGRATION_ENCRYPTION_SECRET", SECRET), null);
        try (Secret secret = source.load()) {
            assertThat(secret.reveal()).isEqualTo(SECRET);
        }
        assertThat(source.description()).isEqualTo("environment variable INTEGRATION_ENCRYPTION_SECRET");
        assertThat(source.toString()).doesNotContain(SECRET.trim());
    }

    @Test
    void readsANamedVariable() {
        IntegrationSecretSource source = IntegrationSecretSource.environment(Map.of("NEW_SECRET", "n3w"), "NEW_SECRET");
        assertThat(source.load().reveal()).isEqualTo("n3w");
    }

    @Test
    void aMissingOrEmptyVariableIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> IntegrationSecretSource.environment(Map.of(), "MY_VAR").load())
                .isInstanceOf(OperatorException.class)
                .hasMessageContaining("MY_VAR is not set")
                .hasMessageNotContaining("--secret-env") // the engine names no option; the CLI adds it
                .satisfies(e -> {
                    assertThat(((OperatorException) e).exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(((OperatorException) e).action())
                            .isEqualTo(jobs.x402.console.core.RemedyAction.SET_SECRET_SOURCE);
                    assertThat(((OperatorException) e).actionDetail("variable")).isEqualTo("MY_VAR");
                });
        assertThatThrownBy(() -> IntegrationSecretSource.environment(
                Map.of("INTEGRATION_ENCRYPTION_SECRET", ""), "").load())
                .isInstanceOf(OperatorException.class)
                .hasMessageContaining("The integration secret is empty")
                .hasMessageContaining("INTEGRATION_ENCRYPTION_SECRET is empty");
    }

    @Test
    void typedCharsAreCopiedAndForgottenOnClose() {
        char[] typed = SECRET.toCharArray();
        IntegrationSecretSource source = IntegrationSecretSource.typed(typed);
        java.util.Arrays.fill(typed, '\0');
        assertThat(source.load().reveal()).isEqualTo(SECRET);
        source.close();
        assertThatThrownBy(source::load).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IntegrationSecretSource.typed(new char[0]).load())
                .isInstanceOf(OperatorException.class).hasMessageContaining("The integration secret is empty");
    }

    @Test
    void comesFromTheVault() {
        SecretVault vault = new SecretVault(dir.resolve("vault.json"));
        try (UnlockedVault open = vault.create(Secret.of("pass phrase"), FAST)) {
            IntegrationSecretSource source = IntegrationSecretSource.vault(open);
            assertThatThrownBy(source::load).isInstanceOf(OperatorException.class)
                    .hasMessageContaining("The vault holds no integration secret");
            open.putIntegrationSecret(Secret.of(SECRET));
            assertThat(source.load().reveal()).isEqualTo(SECRET);
            open.lock();
            assertThatThrownBy(source::load).isInstanceOf(OperatorException.class)
                    .hasMessageContaining("The vault is locked");
        }
    }

    @Test
    void aLoadedSecretMakesAWorkingCipher() {
        try (Secret secret = IntegrationSecretSource.environment(
                Map.of("INTEGRATION_ENCRYPTION_SECRET", SECRET), null).load();
             IntegrationCipher cipher = IntegrationCipher.forSecret(secret)) {
            String stored = cipher.encrypt(Secret.of("sk-or-v1-abcdef0123456789"));
            assertThat(cipher.decrypt(stored).isOk()).isTrue();
        }
    }
}

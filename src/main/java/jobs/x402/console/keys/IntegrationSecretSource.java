package jobs.x402.console.keys;

import jobs.x402.console.vault.UnlockedVault;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Where the integration secret comes from: an environment variable (never a command-line value), chars typed into a
 * masked field, or the local vault. {@link #load()} returns a fresh {@link Secret} the caller owns and clears.
 */
public interface IntegrationSecretSource extends AutoCloseable {
    String DEFAULT_VARIABLE = "INTEGRATION_ENCRYPTION_SECRET";

    /** @throws OperatorException (usage) when the source has no secret, naming the variable or place to fix */
    Secret load();

    /** Where the secret came from, for a status line ("environment variable X"); never the secret. */
    String description();

    /** Forgets anything the source itself holds (the typed chars); secrets already loaded are the caller's. */
    @Override
    default void close() {
    }

    /** The default variable from the process environment. */
    static IntegrationSecretSource environment() {
        return environment(System.getenv(), DEFAULT_VARIABLE);
    }

    /** {@code variable} from {@code env}; null or blank {@code variable} means {@value #DEFAULT_VARIABLE}. */
    static IntegrationSecretSource environment(Map<String, String> env, String variable) {
        Objects.requireNonNull(env);
        String name = variable == null || variable.isBlank() ? DEFAULT_VARIABLE : variable;
        return new IntegrationSecretSource() {
            @Override
            public Secret load() {
                String value = env.get(name);
                if (value == null || value.isEmpty()) {
                    throw OperatorException.usage("The integration secret is empty: environment variable " + name
                                    + (value == null ? " is not set" : " is empty"),
                            "export " + name + " with the secret the backend uses, or name the variable that"
                                    + " holds it").withAction(jobs.x402.console.core.RemedyAction.SET_SECRET_SOURCE,
                            "variable", name);
                }
                // used as is, not trimmed: the backend does not trim it either
                return Secret.of(value);
            }

            @Override
            public String description() {
                return "environment variable " + name;
            }

            @Override
            public String toString() {
                return "IntegrationSecretSource[" + description() + "]";
            }
        };
    }

    /** Chars typed by the operator; they are copied at once, so the caller may wipe its array. */
    static IntegrationSecretSource typed(char[] chars) {
        Secret copy = Secret.of(chars);
        return new IntegrationSecretSource() {
            @Override
            public Secret load() {
                if (copy.isCleared()) {
                    throw new IllegalStateException("the typed secret was already forgotten");
                }
                if (copy.isEmpty()) {
                    throw OperatorException.usage("The integration secret is empty",
                            "type the secret the backend uses (" + DEFAULT_VARIABLE + " on the server)");
                }
                char[] value = copy.chars();
                try {
                    return Secret.of(value);
                } finally {
                    Arrays.fill(value, '\0');
                }
            }

            @Override
            public String description() {
                return "typed by the operator";
            }

            @Override
            public void close() {
                copy.clear();
            }

            @Override
            public String toString() {
                return "IntegrationSecretSource[" + description() + "]";
            }
        };
    }

    /** The secret kept in an unlocked vault. */
    static IntegrationSecretSource vault(UnlockedVault vault) {
        Objects.requireNonNull(vault);
        return new IntegrationSecretSource() {
            @Override
            public Secret load() {
                if (vault.isLocked()) {
                    throw OperatorException.usage("The vault is locked", "unlock it with its passphrase first");
                }
                return vault.integrationSecret().filter(s -> !s.isEmpty()).orElseThrow(() ->
                        OperatorException.usage("The vault holds no integration secret",
                                "store it in the vault, or load it from " + DEFAULT_VARIABLE));
            }

            @Override
            public String description() {
                return "the local vault";
            }

            @Override
            public String toString() {
                return "IntegrationSecretSource[" + description() + "]";
            }
        };
    }
}

package jobs.x402.console.cli;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;
import jobs.x402.console.session.KeysApi;
import jobs.x402.console.session.VaultApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "vault", header = "The local vault of the integration secret.", mixinStandardHelpOptions = true,
        description = {"The local vault that keeps the integration secret under one passphrase (Argon2id, AES-256-GCM).",
                "Passphrases come from a prompt or an environment variable, never from an argument."},
        subcommands = {VaultCommand.Status.class, VaultCommand.Create.class, VaultCommand.Unlock.class,
                VaultCommand.ChangePassphrase.class})
final class VaultCommand {

    /** A passphrase from --passphrase-env VAR, else asked on the terminal (twice when {@code repeat}). */
    static Secret passphrase(CliContext context, String variable, String prompt) {
        if (variable != null) {
            String value = context.env().get(variable);
            if (value == null || value.isEmpty()) {
                throw OperatorException.usage("Environment variable " + variable + " holds no passphrase",
                        "export it, or leave the option out to be asked");
            }
            return Secret.of(value);
        }
        char[] typed = context.passwordPrompt().apply(prompt);
        if (typed == null) {
            throw OperatorException.usage("No terminal to ask for the vault passphrase on",
                    "name a variable that holds it with --passphrase-env VAR");
        }
        try {
            return Secret.of(typed);
        } finally {
            java.util.Arrays.fill(typed, '\0');
        }
    }

    static Map<String, Object> describe(VaultApi.VaultStatus status) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", status.file().toString());
        doc.put("exists", status.exists());
        doc.put("lastWritten", status.lastWritten());
        doc.put("holdsIntegrationSecret", status.holdsIntegrationSecret());
        return doc;
    }

    static String text(VaultApi.VaultStatus status) {
        if (!status.exists()) {
            return "no vault at " + status.file() + " (create one with `vault create`)";
        }
        return "vault " + status.file() + ", written " + status.lastWritten()
                + (status.holdsIntegrationSecret() == null ? "" : status.holdsIntegrationSecret()
                ? "; holds the integration secret" : "; holds no integration secret");
    }

    abstract static class VaultSubcommand implements Callable<Integer> {
        final CliContext context;
        @Mixin
        OutputOptions output;

        VaultSubcommand(CliContext context) {
            this.context = context;
        }

        VaultApi vault() {
            return VaultApi.of(context.environment());
        }

        int print(VaultApi.VaultStatus status) {
            if (output.json) {
                output.printJson(context.out(), describe(status));
            } else {
                context.out().println(text(status));
                context.out().flush();
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Where the vault is, whether it exists.")
    static final class Status extends VaultSubcommand {
        Status(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            return print(vault().status());
        }
    }

    @Command(name = "create", header = "Create the vault with the integration secret.", mixinStandardHelpOptions = true,
            description = "Create the vault with the integration secret from --secret-env (default"
                    + " INTEGRATION_ENCRYPTION_SECRET).")
    static final class Create extends VaultSubcommand {
        @Option(names = "--passphrase-env", paramLabel = "VAR", description = "Variable holding the new passphrase"
                + " (default: asked twice on the terminal).")
        String passphraseEnv;
        @Option(names = "--secret-env", paramLabel = "VAR", description = "Variable holding the integration secret.")
        String secretEnv;

        Create(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            String variable = secretEnv == null ? KeysApi.DEFAULT_SECRET_VARIABLE : secretEnv;
            try (Secret secret = context.environment().secretFromVariable(variable).load();
                 Secret passphrase = passphrase(context, passphraseEnv, "New vault passphrase: ");
                 Secret repeated = passphraseEnv != null ? null
                         : passphrase(context, null, "The same passphrase again: ")) {
                return print(vault().create(passphrase, repeated, secret));
            }
        }
    }

    @Command(name = "unlock", header = "Check the passphrase; say what the vault holds.",
            mixinStandardHelpOptions = true,
            description = "Check the passphrase and tell what the vault holds (exit 3 when the passphrase is wrong).")
    static final class Unlock extends VaultSubcommand {
        @Option(names = "--passphrase-env", paramLabel = "VAR", description = "Variable holding the passphrase.")
        String passphraseEnv;

        Unlock(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            try (Secret passphrase = passphrase(context, passphraseEnv, "Vault passphrase: ")) {
                return print(vault().unlock(passphrase));
            }
        }
    }

    @Command(name = "change-passphrase", mixinStandardHelpOptions = true,
            description = "Seal the vault under a new passphrase (and a fresh salt).")
    static final class ChangePassphrase extends VaultSubcommand {
        @Option(names = "--passphrase-env", paramLabel = "VAR", description = "Variable holding the current one.")
        String passphraseEnv;
        @Option(names = "--new-passphrase-env", paramLabel = "VAR", description = "Variable holding the new one.")
        String newPassphraseEnv;

        ChangePassphrase(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            try (Secret current = passphrase(context, passphraseEnv, "Current vault passphrase: ");
                 Secret next = passphrase(context, newPassphraseEnv, "New vault passphrase: ");
                 Secret repeated = newPassphraseEnv != null ? null
                         : passphrase(context, null, "The same new passphrase again: ")) {
                return print(vault().changePassphrase(current, next, repeated));
            }
        }
    }
}

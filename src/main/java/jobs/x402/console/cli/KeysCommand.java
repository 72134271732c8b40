package jobs.x402.console.cli;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;
import jobs.x402.console.keys.EncryptedKeyTable;
import jobs.x402.console.keys.HealthReport;
import jobs.x402.console.keys.IntegrationCipher;
import jobs.x402.console.keys.KeyEditor;
import jobs.x402.console.keys.KeyFilter;
import jobs.x402.console.keys.KeyPage;
import jobs.x402.console.keys.KeyQuery;
import jobs.x402.console.keys.KeyRow;
import jobs.x402.console.keys.KeyVerdict;
import jobs.x402.console.keys.RotationPlan;
import jobs.x402.console.keys.RotationReport;
import jobs.x402.console.keys.RowHealth;
import jobs.x402.console.keys.UndecryptableRow;
import jobs.x402.console.keys.UndecryptableRowsException;
import jobs.x402.console.keys.VerificationResult;
import jobs.x402.console.keys.VerifyAllReport;
import jobs.x402.console.openrouter.KeyInfo;
import jobs.x402.console.core.Confirmation;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.session.KeysApi;
import jobs.x402.console.session.KeysText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "keys", header = "Encrypted OpenRouter keys and the secret.", mixinStandardHelpOptions = true,
        description = {"Encrypted OpenRouter keys (user_openrouter_integrations, or " +
                "x402_user_openrouter_integrations on the shipped schema): list, health scan, set, enable, " +
                "disable, delete, reveal, verify against OpenRouter, and rotate the integration secret.",
                "The secret comes from an environment variable (--secret-env), never from an argument."},
        subcommands = {KeysCommand.ListKeys.class, KeysCommand.Scan.class, KeysCommand.SetKey.class,
                KeysCommand.Enable.class, KeysCommand.Disable.class, KeysCommand.Delete.class,
                KeysCommand.Reveal.class, KeysCommand.Verify.class, KeysCommand.VerifyAll.class,
                KeysCommand.Rotate.class})
final class KeysCommand {

    /** What every keys command shares: target, output, the secret's variable. */
    abstract static class KeysSubcommand implements Callable<Integer> {
        final CliContext context;
        @Mixin
        KeysTargetOptions target;
        @Mixin
        OutputOptions output;
        @Option(names = "--secret-env", paramLabel = "VAR",
                description = "Environment variable holding the integration secret (default "
                        + KeysApi.DEFAULT_SECRET_VARIABLE + ").")
        String secretEnv;

        KeysSubcommand(CliContext context) {
            this.context = context;
        }

        CliProgress progress() {
            return new CliProgress(context.err(), output.quiet);
        }

        ConsoleSession open(CliProgress progress) {
            return target.open(context, progress);
        }

        /** The secret from --secret-env (or the default variable); read before anything connects. */
        KeysApi.LoadedSecret secret() {
            return KeysApi.secretFromVariable(context.environment(), secretEnv);
        }

        void print(Object json, String text) {
            if (output.json) {
                output.printJson(context.out(), json);
            } else {
                context.out().println(text);
                context.out().flush();
            }
        }
    }

    /** Commands about one user's key. */
    abstract static class OneKeySubcommand extends KeysSubcommand {
        @Option(names = "--user", paramLabel = "UUID", required = true, description = "The user (auth.users id).")
        UUID user;

        OneKeySubcommand(CliContext context) {
            super(context);
        }
    }

    static Map<String, Object> describe(KeyRow row) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("userId", row.userId());
        doc.put("email", row.email());
        doc.put("status", row.status().text());
        doc.put("decryptStatus", row.decryptStatus() == null ? null : row.decryptStatus().name());
        doc.put("maskedKey", row.maskedKey());
        doc.put("valid", row.valid());
        doc.put("enabled", row.enabled());
        doc.put("lastVerifiedAt", row.lastVerifiedAt());
        doc.put("createdAt", row.createdAt());
        doc.put("updatedAt", row.updatedAt());
        return doc;
    }

    static Map<String, Object> describe(KeyInfo info) {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (info == null) {
            return doc;
        }
        doc.put("label", info.label());
        doc.put("limit", info.limit());
        doc.put("limitRemaining", info.limitRemaining());
        doc.put("limitReset", info.limitReset());
        doc.put("limitUsedUp", info.limitUsedUp());
        doc.put("usage", info.usage());
        doc.put("usageMonthly", info.usageMonthly());
        doc.put("byokUsage", info.byokUsage());
        doc.put("byokUsageMonthly", info.byokUsageMonthly());
        doc.put("freeTier", info.freeTier());
        doc.put("managementKey", info.isManagementKey());
        doc.put("expiresAt", info.expiresAt());
        return doc;
    }

    static Map<String, Object> describe(VerificationResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("userId", result.userId());
        doc.put("verdict", result.verdict().name().toLowerCase(Locale.ROOT));
        doc.put("problem", result.problem());
        doc.put("key", describe(result.info()));
        return doc;
    }

    static String text(VerificationResult result) {
        return KeysText.verificationLine(result);
    }

    static Map<String, Object> describe(HealthReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("table", report.table().describe());
        doc.put("total", report.total());
        doc.put("healthy", report.healthy());
        Map<String, Long> counts = new LinkedHashMap<>();
        report.countsByStatus().forEach((status, count) -> counts.put(status.name(), count));
        doc.put("counts", counts);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RowHealth row : report.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("userId", row.userId());
            r.put("status", row.status().name());
            r.put("category", row.status().category().name());
            r.put("detail", row.detail());
            rows.add(r);
        }
        doc.put("rows", rows);
        return doc;
    }

    static List<Map<String, Object>> describe(List<UndecryptableRow> rows) {
        return rows.stream().map(r -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("table", r.table().describe());
            doc.put("userId", r.userId());
            doc.put("status", r.status().name());
            return doc;
        }).toList();
    }

    @Command(name = "list", header = "Keys with user, status, validity (keyset pages).",
            mixinStandardHelpOptions = true,
            description = "Keys with user, status, masked key, valid, enabled, last verified (keyset pages).")
    static final class ListKeys extends KeysSubcommand {
        @Option(names = "--search", paramLabel = "TEXT", description = "User id prefix or part of the email.")
        String search;
        @Option(names = "--filter", paramLabel = "FILTER", defaultValue = "all",
                description = "all, invalid, disabled, never-verified or undecryptable.")
        String filter;
        @Option(names = "--limit", defaultValue = "100", description = "Rows per page (default 100).")
        int limit;
        @Option(names = "--after", paramLabel = "UUID", description = "Start after this user id (the last page's"
                + " nextCursor).")
        UUID after;
        @Option(names = "--all", description = "Every page, not just one.")
        boolean all;

        ListKeys(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            KeyFilter chosen = parseFilter(filter);
            CliProgress progress = progress();
            try (KeysApi.LoadedSecret secret = KeysApi.optionalSecretFromVariable(context.environment(), secretEnv);
                 ConsoleSession session = open(progress)) {
                KeysApi keys = session.keys();
                IntegrationCipher cipher = secret == null ? null : secret.cipher();
                KeyQuery query = new KeyQuery(search, chosen);
                List<KeyRow> rows = new ArrayList<>();
                KeyPage page = keys.page(query, after, limit, cipher);
                rows.addAll(page.rows());
                while (all && page.hasMore()) {
                    page = keys.page(query, page.nextCursor(), limit, cipher);
                    rows.addAll(page.rows());
                }
                if (output.json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("secretLoaded", cipher != null);
                    doc.put("count", rows.size());
                    doc.put("nextCursor", page.nextCursor());
                    doc.put("rows", rows.stream().map(KeysCommand::describe).toList());
                    output.printJson(context.out(), doc);
                } else {
                    if (cipher == null) {
                        context.out().println("(no secret loaded: export " + KeysApi.DEFAULT_SECRET_VARIABLE
                                + " or pass --secret-env to see key status)");
                    }
                    for (KeyRow row : rows) {
                        context.out().printf("%s  %-28s %-16s %-18s valid=%-5s enabled=%-5s verified=%s%n",
                                row.userId(), row.email() == null ? "" : row.email(), row.status().text(),
                                row.maskedKey(), row.valid(), row.enabled(),
                                row.lastVerifiedAt() == null ? "never" : row.lastVerifiedAt());
                    }
                    if (page.hasMore()) {
                        context.out().println("more: --after " + page.nextCursor());
                    }
                }
                return 0;
            }
        }

        private static KeyFilter parseFilter(String text) {
            try {
                return KeyFilter.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw OperatorException.usage("Unknown filter '" + text + "'",
                        "use all, invalid, disabled, never-verified or undecryptable");
            }
        }
    }

    @Command(name = "scan", header = "Decrypt every row and report each outcome.", mixinStandardHelpOptions = true,
            description = "Decrypt every row and report each user id with its outcome; exit 1 when any row is not ok.")
    static final class Scan extends KeysSubcommand {
        @Option(names = "--table", paramLabel = "TABLE", defaultValue = "openrouter",
                description = "openrouter (default) or claude (x402_user_claude_configs).")
        String table;

        Scan(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            requireTableLabel(table);
            CliProgress progress = progress();
            try (KeysApi.LoadedSecret secret = secret(); ConsoleSession session = open(progress)) {
                EncryptedKeyTable chosen = session.keys().table(table);
                HealthReport report = session.keys().scan(chosen, secret.cipher(), progress);
                if (output.json) {
                    output.printJson(context.out(), describe(report));
                } else {
                    long inClear = report.rows().stream()
                            .filter(r -> r.status() == jobs.x402.console.keys.DecryptStatus.STORED_IN_CLEAR).count();
                    if (inClear > 0) {
                        context.out().printf("URGENT: %d key(s) in %s are stored UNENCRYPTED; fix them first by"
                                + " saving each key again through the console%n", inClear, chosen.describe());
                    }
                    // problems first, the most urgent at the top; then the healthy rows
                    List<RowHealth> ordered = new ArrayList<>(report.unhealthy());
                    report.rows().stream().filter(RowHealth::healthy).forEach(ordered::add);
                    for (RowHealth row : ordered) {
                        context.out().printf("%s  %s%s%n", row.userId(), row.status().name(),
                                row.healthy() ? "" : "  — " + row.status().description()
                                        + (row.detail().isEmpty() ? "" : " (" + row.detail() + ")"));
                    }
                    context.out().printf("%d rows in %s: %s%n", report.total(), chosen.describe(),
                            String.join(", ", report.countsByStatus().entrySet().stream()
                                    .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT)
                                            .replace('_', ' ')).toList()));
                }
                return report.healthy() ? 0 : 1;
            }
        }
    }

    /** Refuses a bad --table before anything connects. */
    static void requireTableLabel(String text) {
        if (!EncryptedKeyTable.isLabel(text)) {
            throw OperatorException.usage("Unknown key table '" + text + "'", "use openrouter or claude");
        }
    }

    @Command(name = "set", header = "Set or replace a user's key (from stdin).", mixinStandardHelpOptions = true,
            description = {"Set or replace a user's key: the key is read from standard input (--key-stdin), never " +
                    "from an argument. Refuses a text that is not an OpenRouter key unless --force."})
    static final class SetKey extends OneKeySubcommand {
        @Option(names = "--key-stdin", description = "Read the key from the first line of standard input.")
        boolean keyStdin;
        @Option(names = "--yes", description = "Confirm: the user's current key, if any, is replaced.")
        boolean yes;
        @Option(names = "--force", description = "Save even a text that does not look like a key, a key OpenRouter"
                + " rejects, or under a secret that decrypts none of the existing keys.")
        boolean force;
        @Option(names = "--verify", description = "Ask OpenRouter (GET /key) before saving; records the answer.")
        boolean verify;
        @Mixin
        OpenRouterOptions openRouter;

        SetKey(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            if (!keyStdin) {
                throw OperatorException.usage("No key given", "pipe it in with --key-stdin; keys are never"
                        + " command-line arguments, which end up in shell history and process lists");
            }
            if (!yes) {
                throw OperatorException.refused("Setting a key replaces the user's current one",
                        "confirm the change").withAction(jobs.x402.console.core.RemedyAction.CONFIRM);
            }
            CliProgress progress = progress();
            try (Secret key = readKey(); KeysApi.LoadedSecret secret = secret();
                 ConsoleSession session = open(progress)) {
                KeysApi.SetKeyResult outcome = session.keys().set(new KeysApi.SetKeyRequest(user, key, verify, force,
                        openRouter.override(), Confirmation.of(yes)), secret.cipher(), progress);
                KeyEditor.SetResult result = outcome.saved();
                KeyVerdict verdict = outcome.verdict();
                VerificationResult check = outcome.check();
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("userId", result.userId());
                doc.put("replaced", result.replaced());
                doc.put("maskedKey", result.maskedKey());
                doc.put("verified", verdict == null ? null : verdict.name().toLowerCase(Locale.ROOT));
                if (check != null) {
                    doc.put("key", describe(check.info()));
                }
                print(doc, KeysText.saved(outcome));
                return 0;
            }
        }

        private Secret readKey() {
            // one line, without its line break: a key never contains one, and `echo` always adds one
            Reader reader = new InputStreamReader(context.in(), StandardCharsets.UTF_8);
            char[] buffer = new char[1024];
            int length = 0;
            try {
                int c;
                while ((c = reader.read()) >= 0 && c != '\n') {
                    if (length == buffer.length) {
                        // no key is this long: refuse rather than keep a cut-off prefix
                        throw OperatorException.usage("The first line of standard input is longer than "
                                + buffer.length + " characters, so it is not an API key. Nothing was saved",
                                "pipe in the key alone, on one line");
                    }
                    buffer[length++] = (char) c;
                }
                if (length > 0 && buffer[length - 1] == '\r') {
                    length--;
                }
                if (length > 0 && (Character.isWhitespace(buffer[0]) || Character.isWhitespace(buffer[length - 1]))) {
                    throw OperatorException.usage("The key on standard input starts or ends with white space."
                            + " Nothing was saved", "pipe in the key without surrounding spaces or tabs");
                }
                if (length == 0) {
                    throw OperatorException.usage("Standard input held no key", "pipe the key in, e.g."
                            + " `printenv MY_KEY | x402-console keys set --user UUID --key-stdin --yes`");
                }
                return Secret.of(Arrays.copyOf(buffer, length));
            } catch (IOException e) {
                throw OperatorException.failure("Cannot read the key from standard input", "", e);
            } finally {
                Arrays.fill(buffer, '\0');
            }
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a user's key.")
    static final class Enable extends OneKeySubcommand {
        Enable(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            try (ConsoleSession session = open(progress())) {
                session.keys().enable(user);
                print(Map.of("userId", user, "enabled", true), KeysText.enabled(user, true));
                return 0;
            }
        }
    }

    @Command(name = "disable", header = "Disable a user's key.", mixinStandardHelpOptions = true,
            description = "Disable a user's key (the backend refuses to run their resources).")
    static final class Disable extends OneKeySubcommand {
        Disable(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            try (ConsoleSession session = open(progress())) {
                session.keys().disable(user);
                print(Map.of("userId", user, "enabled", false), KeysText.enabled(user, false));
                return 0;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user's key. Needs --yes.")
    static final class Delete extends OneKeySubcommand {
        @Option(names = "--yes", description = "Confirm: the key is gone for good.")
        boolean yes;

        Delete(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            try (ConsoleSession session = open(progress())) {
                session.keys().delete(user, Confirmation.of(yes));
                print(Map.of("userId", user, "deleted", true), KeysText.deleted(user));
                return 0;
            }
        }
    }

    @Command(name = "reveal", mixinStandardHelpOptions = true,
            description = "Print a user's decrypted key on stdout. Needs --yes; audited.")
    static final class Reveal extends OneKeySubcommand {
        @Option(names = "--yes", description = "Confirm: the key is shown in clear on this terminal.")
        boolean yes;

        Reveal(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            if (!yes) {
                throw OperatorException.refused("Revealing prints the key in clear", "confirm the reveal")
                        .withAction(jobs.x402.console.core.RemedyAction.CONFIRM);
            }
            try (KeysApi.LoadedSecret secret = secret(); ConsoleSession session = open(progress());
                 Secret key = session.keys().reveal(user, secret.cipher(), Confirmation.of(yes))) {
                String clear = key.reveal();
                print(Map.of("userId", user, "key", clear), clear);
                return 0;
            }
        }
    }

    @Command(name = "verify", header = "Ask OpenRouter whether a user's key is valid.", mixinStandardHelpOptions = true,
            description = "Ask OpenRouter (GET /key) about a user's key; records is_valid and last_verified_at."
                    + " Exit 1 when the key is not valid.")
    static final class Verify extends OneKeySubcommand {
        @Mixin
        OpenRouterOptions openRouter;

        Verify(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            try (KeysApi.LoadedSecret secret = secret(); ConsoleSession session = open(progress())) {
                VerificationResult result = session.keys().verify(user, secret.cipher(), openRouter.override());
                print(describe(result), text(result));
                return result.verdict().isProblem() ? 1 : 0;
            }
        }
    }

    @Command(name = "verify-all", header = "Verify every key, honouring Retry-After.", mixinStandardHelpOptions = true,
            description = "Verify every key, a few at a time, honouring OpenRouter's Retry-After. Exit 1 when any"
                    + " key is not valid or could not be checked.")
    static final class VerifyAll extends KeysSubcommand {
        @Mixin
        OpenRouterOptions openRouter;
        @Option(names = "--concurrency", defaultValue = "" + KeysApi.DEFAULT_VERIFY_CONCURRENCY,
                description = "Checks at once (1.." + KeysApi.MAX_VERIFY_CONCURRENCY + ", default "
                        + KeysApi.DEFAULT_VERIFY_CONCURRENCY + ").")
        int concurrency;

        VerifyAll(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            CliProgress progress = progress();
            try (KeysApi.LoadedSecret secret = secret(); ConsoleSession session = open(progress)) {
                VerifyAllReport report = session.keys().verifyAll(secret.cipher(), concurrency, openRouter.override(),
                        progress);
                Map<String, Long> counts = new LinkedHashMap<>();
                report.counts().forEach((verdict, count) -> counts.put(verdict.name().toLowerCase(Locale.ROOT),
                        count));
                if (output.json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("total", report.results().size());
                    doc.put("counts", counts);
                    doc.put("results", report.results().stream().map(KeysCommand::describe).toList());
                    output.printJson(context.out(), doc);
                } else {
                    report.results().forEach(r -> context.out().println(text(r)));
                    context.out().println(report.results().size() + " keys: " + counts);
                }
                return report.allGood() ? 0 : 1;
            }
        }
    }

    @Command(name = "rotate", header = "Re-encrypt every key under a new secret.", mixinStandardHelpOptions = true,
            description = {"Re-encrypt every key from the current secret (--secret-env) to a new one " +
                    "(--new-secret-env) in one transaction, checking each new value before commit. Without --yes " +
                    "it shows what it would do. Refuses (exit 4) while rows do not decrypt, unless " +
                    "--exclude-undecryptable."})
    static final class Rotate extends KeysSubcommand {
        @Option(names = "--new-secret-env", paramLabel = "VAR", required = true,
                description = "Environment variable holding the new integration secret.")
        String newSecretEnv;
        @Option(names = "--table", paramLabel = "TABLE", split = ",", defaultValue = "openrouter",
                description = "openrouter (default), claude, or both: --table openrouter,claude.")
        List<String> tables;
        @Option(names = "--exclude-undecryptable", description = "Rotate the other rows and leave the rows that do"
                + " not decrypt with the current secret as they are.")
        boolean excludeUndecryptable;
        @Option(names = "--yes", description = "Confirm the rotation.")
        boolean yes;

        Rotate(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            tables.forEach(t -> requireTableLabel(t.strip()));
            if (newSecretEnv.equals(secretEnv == null ? KeysApi.DEFAULT_SECRET_VARIABLE : secretEnv)) {
                throw OperatorException.usage("--new-secret-env names the same variable as the current secret",
                        "put the new secret in another variable");
            }
            CliProgress progress = progress();
            try (KeysApi.LoadedSecret current = secret();
                 KeysApi.LoadedSecret next = KeysApi.secretFromVariable(context.environment(), newSecretEnv);
                 ConsoleSession session = open(progress)) {
                Set<EncryptedKeyTable> chosen = new java.util.LinkedHashSet<>();
                tables.forEach(t -> chosen.add(session.keys().table(t.strip())));
                if (!yes) {
                    RotationPlan plan = session.keys().rotationPlan(chosen, current.cipher(), progress);
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("rows", plan.rows());
                    doc.put("undecryptable", describe(plan.undecryptable()));
                    print(doc, KeysText.rotationPlan(plan) + undecryptableText(plan.undecryptable()));
                    session.keys().rotate(chosen, current.cipher(), next.cipher(), excludeUndecryptable,
                            Confirmation.none(), progress); // refuses, naming the confirmation it needs
                }
                try {
                    RotationReport report = session.keys().rotate(chosen, current.cipher(), next.cipher(),
                            excludeUndecryptable, Confirmation.given(), progress);
                    Map<String, Object> doc = new LinkedHashMap<>();
                    Map<String, Integer> rotated = new LinkedHashMap<>();
                    report.rotated().forEach((table, count) -> rotated.put(table.describe(), count));
                    doc.put("rotated", rotated);
                    doc.put("excluded", describe(report.excluded()));
                    doc.put("millis", report.millis());
                    doc.put("verifiedAfter", report.verifiedAfter());
                    doc.put("scanAfter", report.scanAfter().stream().map(r -> Map.of("table", r.table().describe(),
                            "total", r.total(), "healthy", r.healthy())).toList());
                    print(doc, KeysText.rotated(report));
                    return report.verifiedAfter() ? 0 : 1;
                } catch (UndecryptableRowsException e) {
                    if (output.json) {
                        // one document: the refusal and the rows behind it together
                        Map<String, Object> doc = ConsoleCli.errorDocument(e.problem(), e.remedy(),
                                e.exitCode().code());
                        doc.put("undecryptable", describe(e.rows()));
                        output.printJson(context.out(), doc);
                        context.err().println("error: " + e.problem());
                        context.err().flush();
                        return e.exitCode().code();
                    }
                    context.err().println("rows that do not decrypt with the current secret:"
                            + undecryptableText(e.rows()));
                    throw e;
                }
            }
        }

        private static String undecryptableText(List<UndecryptableRow> rows) {
            StringBuilder text = new StringBuilder();
            for (UndecryptableRow row : rows) {
                text.append(System.lineSeparator()).append("  ").append(row.table().describe()).append("  ")
                        .append(row.userId()).append("  ").append(row.status().name());
            }
            return text.toString();
        }
    }
}

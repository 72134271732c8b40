package jobs.x402.console.cli;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.target.ConnectionProfile;
import jobs.x402.console.target.ConnectionUriParser;
import jobs.x402.console.session.ProfilesApi;
import jobs.x402.console.target.SslMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "Saved connection profiles (never with a password).",
        subcommands = {ProfilesCommand.ListProfiles.class, ProfilesCommand.Add.class, ProfilesCommand.Remove.class})
final class ProfilesCommand {

    static Map<String, Object> describe(ConnectionProfile profile) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", profile.name());
        doc.put("host", profile.host());
        doc.put("port", profile.port());
        doc.put("database", profile.database());
        doc.put("user", profile.user());
        doc.put("sslmode", profile.effectiveSslMode().parameter());
        doc.put("sslmodeExplicit", profile.sslMode() != null);
        doc.put("sslrootcert", profile.sslRootCert());
        doc.put("schemaVariant", profile.schemaVariant() == null ? "detect" : profile.schemaVariant().label());
        doc.put("pooler", profile.poolerMode().name().toLowerCase(java.util.Locale.ROOT));
        return doc;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the saved profiles.")
    static final class ListProfiles implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        OutputOptions output;

        ListProfiles(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<ConnectionProfile> profiles = ProfilesApi.of(context.environment()).list();
            if (output.json) {
                output.printJson(context.out(), profiles.stream().map(ProfilesCommand::describe).toList());
            } else if (profiles.isEmpty()) {
                context.out().println("no profiles yet: add one with `profiles add NAME --url URL`");
            } else {
                for (ConnectionProfile p : profiles) {
                    context.out().printf("%-20s %s@%s  sslmode=%s%n", p.name(), p.user(), p.address(),
                            p.effectiveSslMode().parameter());
                }
            }
            return 0;
        }
    }

    @Command(name = "add", header = "Save a profile from a URL or host, port, database.",
            mixinStandardHelpOptions = true,
            description = "Save a profile from a URL (as Supabase shows it) or from host, port and database.")
    static final class Add implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        OutputOptions output;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--url", paramLabel = "URL",
                description = "postgresql://… or jdbc:postgresql://…, as the Supabase dashboard shows it.") String url;
        @Option(names = "--host", description = "Server host (instead of --url).") String host;
        @Option(names = "--port", description = "Server port (default 5432).") Integer port;
        @Option(names = "--database", defaultValue = "postgres", description = "Database (default ${DEFAULT-VALUE}).")
        String database;
        @Option(names = "--user", paramLabel = "ROLE", description = "The role to log in as, e.g. postgres.") String user;
        @Option(names = "--sslmode", paramLabel = "MODE",
                description = "disable, allow, prefer, require, verify-ca or verify-full "
                        + "(default: verify-full; prefer on this machine).")
        String sslMode;
        @Option(names = "--sslrootcert", paramLabel = "FILE",
                description = "CA certificate that signs the server's (a Supabase project's CA from its dashboard).")
        java.nio.file.Path sslRootCert;
        @Option(names = "--schema-variant", paramLabel = "seed|shipped",
                description = "Which names migration 005 has on this target (default: detected when connecting).")
        String schemaVariant;
        @Option(names = "--force", description = "Replace a profile of the same name.") boolean force;

        Add(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw OperatorException.usage("'" + name + "' is not a usable profile name",
                        "use 1–64 letters, digits, dots, dashes or underscores");
            }
            ConnectionProfile profile;
            if (url != null) {
                ConnectionUriParser.ParsedConnection parsed = ConnectionUriParser.parse(url, name);
                profile = parsed.profile();
                if (parsed.embeddedPassword() != null) {
                    parsed.embeddedPassword().clear();
                    context.err().println("note: the password in the URL was NOT saved; give it with PGPASSWORD"
                            + " or at the prompt");
                }
                parsed.notes().forEach(n -> context.err().println("note: " + n));
            } else if (host != null) {
                profile = new ConnectionProfile(name, host, port == null ? ConnectionProfile.DEFAULT_PORT : port,
                        database, user, null, null, Map.of());
            } else {
                throw OperatorException.usage("Neither --url nor --host given", "pass one of them");
            }
            if (user != null) {
                profile = profile.withUser(user);
            }
            if (sslMode != null) {
                profile = profile.withSslMode(SslMode.parse(sslMode));
            }
            if (sslRootCert != null) {
                profile = profile.withSslRootCert(TargetOptions.readableCertificate(sslRootCert));
            }
            if (schemaVariant != null) {
                profile = profile.withSchemaVariant(jobs.x402.console.target.SchemaVariant.parse(schemaVariant));
            }
            ProfilesApi store = ProfilesApi.of(context.environment());
            if (!force && store.find(name).isPresent()) {
                throw OperatorException.refused("A profile named '" + name + "' exists",
                        "pass --force to replace it, or choose another name");
            }
            store.save(profile);
            if (!profile.poolerMode().limitation().isEmpty()) {
                context.err().println("warning: " + profile.poolerMode().limitation());
            }
            if (output.json) {
                output.printJson(context.out(), describe(profile));
            } else {
                context.out().println("saved profile " + name + ": " + profile.user() + "@" + profile.address()
                        + " sslmode=" + profile.effectiveSslMode().parameter());
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete a saved profile.")
    static final class Remove implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        OutputOptions output;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        Remove(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (!ProfilesApi.of(context.environment()).remove(name)) {
                throw OperatorException.usage("No profile named '" + name + "'", "see `profiles list`");
            }
            if (output.json) {
                output.printJson(context.out(), Map.of("removed", name));
            } else {
                context.out().println("removed profile " + name);
            }
            return 0;
        }
    }
}

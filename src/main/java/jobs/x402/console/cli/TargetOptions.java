package jobs.x402.console.cli;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.Secret;
import jobs.x402.console.target.ConnectionProfile;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.target.ConnectionUriParser;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.SslMode;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.session.ProfilesApi;
import jobs.x402.console.session.SandboxApi;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Target selection shared by every database command: --sandbox (the default), --profile NAME or --url URL.
 * The password comes from PGPASSWORD, a URL that embeds it, or a prompt; never from an option.
 */
public class TargetOptions {
    static final String PASSWORD_VARIABLE = "PGPASSWORD";

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Selection selection = new Selection();

    static class Selection {
        @Option(names = "--sandbox", description = "The embedded sandbox database (default; started if needed).")
        boolean sandbox;

        @Option(names = "--profile", paramLabel = "NAME", description = "A saved connection profile.")
        String profile;

        @Option(names = "--url", paramLabel = "URL",
                description = "jdbc:postgresql://… or postgresql://user@host:port/db?… as Supabase shows it.")
        String url;
    }

    @Option(names = "--user", paramLabel = "ROLE", description = "Connect as this role instead of the profile's.")
    String user;

    @Option(names = "--sslmode", paramLabel = "MODE",
            description = "disable, allow, prefer, require, verify-ca or verify-full (default verify-full off localhost).")
    String sslMode;

    @Option(names = "--allow-cleartext-password", description = {"Send the password although sslmode (disable,"
            + " allow or prefer) lets a remote connection run without TLS.", "Refused without this flag."})
    boolean allowCleartextPassword;

    @Option(names = "--schema-variant", paramLabel = "seed|shipped",
            description = "Which names migration 005 has on this target (default: detected; see `db overview`).")
    String schemaVariant;

    @Option(names = "--sslrootcert", paramLabel = "FILE",
            description = "CA certificate that signs the server's (a Supabase project's CA from its dashboard).")
    Path sslRootCert;

    /** The CA file as the driver will read it: it must exist now, or the connection fails with a vaguer error. */
    static String readableCertificate(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!java.nio.file.Files.isRegularFile(absolute) || !java.nio.file.Files.isReadable(absolute)) {
            throw OperatorException.usage("The CA certificate " + absolute + " does not exist or cannot be read",
                    "download the project's CA certificate (Supabase dashboard: Database settings, SSL) and give"
                            + " its path");
        }
        return absolute.toString();
    }

    /** Resolves the target and opens a session on it. */
    public ConsoleSession open(CliContext context, ProgressListener progress) {
        return ConsoleSession.open(context.environment(), resolve(context, progress), progress);
    }

    /** Resolves the target; starts the sandbox when that is the target and it is not running. */
    public ConnectionTarget resolve(CliContext context, ProgressListener progress) {
        // every option is checked before anything starts or connects, the sandbox included
        SslMode chosenSslMode = sslMode == null ? null : SslMode.parse(sslMode);
        String chosenRootCert = sslRootCert == null ? null : readableCertificate(sslRootCert);
        SchemaVariant chosenVariant = schemaVariant == null ? null : SchemaVariant.parse(schemaVariant);
        if (selection == null || (selection.profile == null && selection.url == null)) {
            return SandboxApi.of(context.environment()).startedTarget(chosenVariant, progress);
        }
        ConnectionProfile profile;
        Secret password = null;
        if (selection.profile != null) {
            profile = ProfilesApi.of(context.environment()).require(selection.profile);
        } else {
            ConnectionUriParser.ParsedConnection parsed = ConnectionUriParser.parse(selection.url, "command-line");
            profile = parsed.profile();
            password = parsed.embeddedPassword();
            if (password != null) {
                context.err().println("note: the URL carries a password; prefer PGPASSWORD so it stays out of"
                        + " shell history");
            }
            parsed.notes().stream()
                    .filter(note -> chosenSslMode == null || !note.startsWith("No sslmode given"))
                    .forEach(note -> context.err().println("note: " + note));
        }
        if (user != null && !user.isBlank()) {
            profile = profile.withUser(user);
        }
        if (chosenSslMode != null) {
            profile = profile.withSslMode(chosenSslMode);
        }
        if (chosenRootCert != null) {
            profile = profile.withSslRootCert(chosenRootCert);
        }
        if (chosenVariant != null) {
            profile = profile.withSchemaVariant(chosenVariant);
        }
        if (profile.user() == null || profile.user().isBlank()) {
            throw OperatorException.usage("No database role given for " + profile.address(),
                    "add --user ROLE or put the user in the URL (postgresql://ROLE@host/db)");
        }
        if (password == null) {
            password = passwordFor(context, profile);
        }
        ConnectionTarget target = ConnectionTarget.of(profile, password);
        if (allowCleartextPassword && target.passwordMayTravelInClear()) {
            context.err().println("warning: sslmode=" + profile.effectiveSslMode() + " to " + profile.host()
                    + ": the password may cross the network unencrypted (allowed by --allow-cleartext-password)");
            return target.allowingCleartextPassword();
        }
        return target;
    }

    private static Secret passwordFor(CliContext context, ConnectionProfile profile) {
        String fromEnv = context.env().get(PASSWORD_VARIABLE);
        if (fromEnv != null) {
            return Secret.of(fromEnv);
        }
        char[] typed = context.passwordPrompt().apply("Password for " + profile.user() + "@" + profile.address()
                + ": ");
        if (typed == null) {
            return null; // no terminal: the server decides whether it needs one, and says so plainly
        }
        try {
            return Secret.of(typed);
        } finally {
            java.util.Arrays.fill(typed, '\0');
        }
    }
}

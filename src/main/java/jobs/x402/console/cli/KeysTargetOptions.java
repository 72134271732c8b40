package jobs.x402.console.cli;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.target.ConnectionTarget;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * {@link TargetOptions} for the keys commands, where {@code --user} names the auth user whose key is meant (docs/architecture.md:
 * {@code keys set --user UUID}); the database role is {@code --db-user} here.
 */
public class KeysTargetOptions {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    TargetOptions.Selection selection = new TargetOptions.Selection();

    @Option(names = "--db-user", paramLabel = "ROLE", description = "Connect as this database role instead of the"
            + " profile's (--user names the key's user in these commands).")
    String role;

    @Option(names = "--sslmode", paramLabel = "MODE",
            description = "disable, allow, prefer, require, verify-ca or verify-full (default verify-full off localhost).")
    String sslMode;

    @Option(names = "--sslrootcert", paramLabel = "FILE",
            description = "CA certificate that signs the server's (a Supabase project's CA from its dashboard).")
    java.nio.file.Path sslRootCert;

    @Option(names = "--allow-cleartext-password", description = "Send the password although the sslmode lets a"
            + " remote connection run without TLS.")
    boolean allowCleartextPassword;

    @Option(names = "--schema-variant", paramLabel = "seed|shipped",
            description = "Which names migration 005 has on this target (default: detected).")
    String schemaVariant;

    jobs.x402.console.session.ConsoleSession open(CliContext context, ProgressListener progress) {
        return jobs.x402.console.session.ConsoleSession.open(context.environment(), resolve(context, progress),
                progress);
    }

    ConnectionTarget resolve(CliContext context, ProgressListener progress) {
        TargetOptions options = new TargetOptions();
        options.selection = selection;
        options.user = role;
        options.sslMode = sslMode;
        options.sslRootCert = sslRootCert;
        options.schemaVariant = schemaVariant;
        options.allowCleartextPassword = allowCleartextPassword;
        return options.resolve(context, progress);
    }
}

package jobs.x402.console.cli;

import jobs.x402.console.core.BuildInfo;
import jobs.x402.console.core.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "x402-console", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = {"x402 Operator Console: migration 005, row level security, encrypted OpenRouter keys and " +
                "openrouter_instant resources on the x402.jobs database. Without a command (or with `gui`) the " +
                "window opens."},
        subcommands = {SandboxCommand.class, DbCommand.class, ProfilesCommand.class, MigrationCommand.class, VaultCommand.class,
                RlsCommand.class, KeysCommand.class, ModelsCommand.class, ResourcesCommand.class, AuditCommand.class},
        footer = {"",
                "Targets: --sandbox (default), --profile NAME, --url URL; password from PGPASSWORD or a prompt.",
                "Files: X402_CONSOLE_HOME if set, else the platform's config and data directories.",
                "Exit codes: 0 ok, 1 a check failed, 2 usage error, 3 target unreachable or authentication " +
                "failed, 4 refused for safety, 5 other failure."})
final class RootCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = {"-v", "--verbose"}, description = "Log details on stderr (the log file always has them).")
    boolean verbose;

    @Option(names = "--self-check", description = {"Check that this installation has what it needs: JavaFX " +
            "toolkit, TLS, BouncyCastle, Liquibase changelogs, PostgreSQL binaries, Hibernate. Exit 1 if one fails."})
    boolean selfCheck;

    /** --json and --quiet for --self-check; each command has its own. */
    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    RootCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (selfCheck) {
            return new SelfCheckCommand(context, output).run();
        }
        spec.commandLine().usage(context.err());
        return ExitCode.USAGE.code();
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo build = BuildInfo.current();
            return new String[] {"x402 Operator Console " + build.version() + " (commit " + build.commit()
                    + ", built " + build.buildDate() + ")",
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}

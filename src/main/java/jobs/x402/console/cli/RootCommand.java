package jobs.x402.console.cli;

import jobs.x402.console.core.ConsoleVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

@Command(name = "x402-console", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = {"x402 Operator Console: migration 005, row level security, encrypted OpenRouter keys and",
                "openrouter_instant resources on the x402.jobs database. Without a command (or with `gui`) the",
                "window opens."},
        subcommands = {SandboxCommand.class, DbCommand.class, ProfilesCommand.class, MigrationCommand.class,
                RlsCommand.class, KeysCommand.class, ModelsCommand.class, ResourcesCommand.class},
        footer = {"", "Targets: --sandbox (default), --profile NAME, --url URL; password from PGPASSWORD or a prompt.",
                "Files: X402_CONSOLE_HOME if set, else the platform's config and data directories.",
                "Exit codes: 0 ok, 1 a check failed, 2 usage error, 3 target unreachable or authentication failed,",
                "            4 refused for safety, 5 other failure."})
final class RootCommand {
    @Option(names = {"-v", "--verbose"}, description = "Log details on stderr (the log file always has them).")
    boolean verbose;

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"x402 Operator Console " + ConsoleVersion.current(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}

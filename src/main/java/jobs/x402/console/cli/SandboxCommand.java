package jobs.x402.console.cli;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.core.Confirmation;
import jobs.x402.console.session.SandboxApi;
import jobs.x402.console.target.SandboxStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "sandbox", header = "The embedded PostgreSQL 17 sandbox.", mixinStandardHelpOptions = true,
        description = "The embedded PostgreSQL 17 sandbox with the Supabase-compatible baseline and demo data.",
        subcommands = {SandboxCommand.Start.class, SandboxCommand.Stop.class, SandboxCommand.Reset.class,
                SandboxCommand.Status.class, SandboxCommand.InstallBaseline.class})
final class SandboxCommand {

    static Map<String, Object> describe(SandboxStatus status) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("running", status.running());
        doc.put("initialized", status.initialized());
        doc.put("jdbcUrl", status.jdbcUrl());
        doc.put("host", status.host());
        doc.put("port", status.port());
        doc.put("database", status.database());
        doc.put("user", status.user());
        doc.put("pid", status.pid());
        doc.put("dataDirectory", status.dataDirectory().toString());
        return doc;
    }

    static void print(CliContext context, OutputOptions output, SandboxStatus status) {
        if (output.json) {
            output.printJson(context.out(), describe(status));
            return;
        }
        context.out().printf("sandbox: %s%n", status.running() ? "running" : status.initialized() ? "stopped"
                : "not created yet");
        if (status.running()) {
            context.out().printf("  jdbc url:  %s%n  pid:       %d%n", status.jdbcUrl(), status.pid());
        }
        context.out().printf("  data:      %s%n", status.dataDirectory());
        context.out().flush();
    }

    @Command(name = "start", header = "Start the sandbox (created on first start).", mixinStandardHelpOptions = true,
            description = "Start the sandbox (created with baseline and demo data on first start); it keeps running.")
    static final class Start implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        OutputOptions output;

        Start(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            SandboxStatus status = SandboxApi.of(context.environment())
                    .start(new CliProgress(context.err(), output.quiet));
            print(context, output, status);
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the sandbox; its data stays.")
    static final class Stop implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        OutputOptions output;

        Stop(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            SandboxStatus status = SandboxApi.of(context.environment())
                    .stop(new CliProgress(context.err(), output.quiet));
            print(context, output, status);
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Is the sandbox running, and where.")
    static final class Status implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        OutputOptions output;

        Status(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            print(context, output, SandboxApi.of(context.environment()).status());
            return 0;
        }
    }

    @Command(name = "reset", header = "Rebuild the sandbox from the baseline. Needs --yes.",
            mixinStandardHelpOptions = true,
            description = "Delete the sandbox's data and build it again from the baseline. Needs --yes.")
    static final class Reset implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        OutputOptions output;
        @Option(names = "--yes", description = "Confirm: everything in the sandbox is deleted.")
        boolean yes;
        @Option(names = "--no-demo", description = "Baseline only, without the demo users, models and resources.")
        boolean noDemo;
        @Option(names = "--schema-variant", paramLabel = "seed|shipped", defaultValue = "seed",
                description = "Name the model catalog as the specification does (seed: ai_models) or as the live"
                        + " project does (shipped: x402_openrouter_models). Default: seed.")
        String schemaVariant;

        Reset(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            SandboxApi sandbox = SandboxApi.of(context.environment());
            jobs.x402.console.target.SchemaVariant variant = jobs.x402.console.target.SchemaVariant.parse(schemaVariant);
            SandboxStatus status = sandbox.reset(!noDemo, variant, Confirmation.of(yes),
                    new CliProgress(context.err(), output.quiet));
            print(context, output, status);
            return 0;
        }
    }

    @Command(name = "install-baseline", header = "Put the sandbox baseline on an empty database.",
            mixinStandardHelpOptions = true,
            description = {"Install the Supabase-compatible baseline on a NON-sandbox database (e.g. a stock " +
                    "PostgreSQL 15 for testing). Refused unless the database is empty and --confirm names it."})
    static final class InstallBaseline implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        OutputOptions output;
        @Mixin
        TargetOptions target;
        @Option(names = "--confirm", paramLabel = "DATABASE", required = true,
                description = "The target database's name, typed to confirm.")
        String confirm;
        @Option(names = "--no-demo", description = "Baseline only, without demo data.")
        boolean noDemo;

        InstallBaseline(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            ConnectionTarget resolved = target.resolve(context, progress);
            progress.step("Installing the baseline on " + resolved.profile().address());
            SandboxApi.of(context.environment()).installBaseline(resolved, Confirmation.typedOnly(confirm), !noDemo);
            if (output.json) {
                output.printJson(context.out(), Map.of("installed", true, "database", resolved.profile().database()));
            } else {
                context.out().println("baseline installed on " + resolved.profile().address());
            }
            return 0;
        }
    }
}

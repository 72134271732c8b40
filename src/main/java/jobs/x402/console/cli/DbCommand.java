package jobs.x402.console.cli;

import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.overview.OverviewReport;
import jobs.x402.console.overview.Prerequisite;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.session.TargetProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "db", mixinStandardHelpOptions = true, description = "Look at the connected database.",
        subcommands = {DbCommand.Ping.class, DbCommand.Overview.class})
final class DbCommand {

    static Map<String, Object> describe(TargetIdentity identity) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", identity.kind().name().toLowerCase(java.util.Locale.ROOT));
        doc.put("host", identity.host());
        doc.put("port", identity.port());
        doc.put("database", identity.database());
        doc.put("role", identity.role());
        doc.put("serverVersion", identity.serverVersion());
        doc.put("serverVersionNum", identity.serverVersionNum());
        doc.put("superuser", identity.superuser());
        doc.put("bypassrls", identity.bypassRls());
        doc.put("ssl", identity.sslInUse());
        doc.put("sslmode", identity.sslMode().parameter());
        doc.put("pooler", identity.poolerMode().name().toLowerCase(java.util.Locale.ROOT));
        doc.put("warnings", identity.warnings());
        return doc;
    }

    @Command(name = "ping", header = "Connect once and print the target's identity.", mixinStandardHelpOptions = true,
            description = "Connect once and print the target's identity: server version, role, superuser, bypassrls.")
    static final class Ping implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        TargetOptions target;
        @Mixin
        OutputOptions output;

        Ping(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            ConnectionTarget resolved = target.resolve(context, progress);
            long started = System.nanoTime();
            TargetIdentity identity = TargetProbe.identify(resolved);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (output.json) {
                Map<String, Object> doc = describe(identity);
                doc.put("connectMillis", millis);
                output.printJson(context.out(), doc);
            } else {
                context.out().println(identity.bannerLine() + "  (" + millis + " ms)");
                identity.warnings().forEach(w -> context.out().println("warning: " + w));
                if (!identity.poolerMode().limitation().isEmpty()) {
                    context.out().println("pooler: " + identity.poolerMode().limitation());
                }
            }
            return 0;
        }
    }

    @Command(name = "overview", header = "Counts, and the prerequisites of migration 005.",
            mixinStandardHelpOptions = true,
            description = "Counts of users, models, servers and resources, and the prerequisites of migration 005.")
    static final class Overview implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        TargetOptions target;
        @Mixin
        OutputOptions output;

        Overview(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                OverviewReport report = session.overview().read(progress);
                if (output.json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("target", describe(report.identity()));
                    doc.put("users", report.users());
                    doc.put("models", report.models());
                    doc.put("activeModels", report.activeModels());
                    doc.put("servers", report.servers());
                    doc.put("resources", report.resources());
                    doc.put("resourcesByType", report.resourcesByType());
                    doc.put("prerequisites", report.prerequisites());
                    doc.put("prerequisitesMet", report.prerequisitesMet());
                    doc.put("schemaVariant", report.schemaVariant().ambiguous() ? "ambiguous"
                            : report.schemaVariant().variant().label());
                    doc.put("schemaVariantEvidence", report.schemaVariant().evidence());
                    doc.put("migration005", report.migration005() == null ? null
                            : report.migration005().state().name().toLowerCase(java.util.Locale.ROOT));
                    doc.put("migration005Summary", report.migration005() == null ? null
                            : report.migration005().summary());
                    output.printJson(context.out(), doc);
                } else {
                    var out = context.out();
                    out.println(report.identity().bannerLine());
                    out.printf("users %s · models %s (%s active) · servers %s · resources %s%n",
                            orMissing(report.users()), orMissing(report.models()), orMissing(report.activeModels()),
                            orMissing(report.servers()), orMissing(report.resources()));
                    report.resourcesByType().forEach((type, count) -> out.printf("  %-20s %d%n", type, count));
                    out.println("schema variant: " + (report.schemaVariant().ambiguous() ? "AMBIGUOUS — choose one"
                            + " with --schema-variant seed|shipped" : report.schemaVariant().variant().label())
                            + " (" + report.schemaVariant().evidence() + ")");
                    out.println("migration 005: " + (report.migration005() == null ? "not read until the schema"
                            + " variant is chosen" : report.migration005().summary()));
                    out.println("prerequisites of migration 005:");
                    for (Prerequisite p : report.prerequisites()) {
                        out.printf("  [%s] %-24s %s%n", p.present() ? "ok" : "MISSING", p.name(), p.why());
                    }
                }
                return 0;
            }
        }

        private static String orMissing(Long value) {
            return value == null ? "(table missing)" : value.toString();
        }
    }
}

package jobs.x402.console.cli;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.resources.CatalogDiff;
import jobs.x402.console.resources.CatalogEntry;
import jobs.x402.console.resources.ModelCatalogSync;
import jobs.x402.console.resources.ModelChoice;
import jobs.x402.console.resources.ModelCatalog;
import jobs.x402.console.session.ConsoleSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "models", header = "The OpenRouter model catalog.", mixinStandardHelpOptions = true,
        description = "The OpenRouter model catalog (ai_models; x402_openrouter_models on the shipped schema) that"
                + " openrouter_instant resources pick from.",
        subcommands = {ModelsCommand.Sync.class, ModelsCommand.ListModels.class})
final class ModelsCommand {

    @Command(name = "sync", header = "Sync the catalog from OpenRouter's /models.", mixinStandardHelpOptions = true,
            description = {"Fetch OpenRouter's /models and show what would change in the model catalog (new, " +
                    "changed, to deactivate); with --yes, upsert as the backend's cron does. Rows the feed no " +
                    "longer lists are set inactive, never deleted. Without --yes (or with --dry-run) nothing is " +
                    "written."})
    static final class Sync implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        TargetOptions target;
        @Mixin
        OutputOptions output;
        @Mixin
        OpenRouterOptions openRouter;

        @Option(names = "--yes", description = "Apply the changes shown.")
        boolean yes;

        @Option(names = "--dry-run", description = "Show the changes and exit 0 without writing.")
        boolean dryRun;

        @Option(names = "--all-modalities", description = {"Ask OpenRouter for image, audio and video-output models"
                + " too (output_modalities=all).", "The backend's cron does not, so it deactivates them again on"
                + " its next run."})
        boolean allModalities;

        Sync(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                CatalogDiff diff = session.resources().previewModelSync(allModalities, openRouter.override(), progress);
                ModelCatalogSync.Applied applied = null;
                boolean apply = yes && !dryRun && !diff.feed().isEmpty();
                if (apply) {
                    applied = session.resources().applyModelSync(diff, progress);
                }
                if (output.json) {
                    output.printJson(context.out(), document(session, diff, applied));
                } else {
                    print(context.out(), session, diff, applied);
                }
                if (!yes && !dryRun) {
                    throw OperatorException.refused("Nothing written: models sync needs --yes to change "
                            + session.schemaVariant().modelCatalog(),
                            "review the changes above, then run again with --yes (or --dry-run to only look)");
                }
                return 0;
            }
        }

        private static Map<String, Object> document(ConsoleSession session, CatalogDiff diff,
                                                    ModelCatalogSync.Applied applied) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("target", DbCommand.describe(session.identity()));
            doc.put("feedModels", diff.feed().size());
            doc.put("added", diff.added().stream().map(CatalogEntry::openrouterId).toList());
            doc.put("changed", diff.changed());
            doc.put("deactivated", diff.deactivated());
            doc.put("deactivationReasons", diff.deactivationReasons());
            doc.put("allOutputModalities", diff.allOutputModalities());
            doc.put("longContextPrices", diff.longContextPrices());
            doc.put("unchanged", diff.unchanged());
            doc.put("skipped", diff.skipped());
            doc.put("applied", applied);
            return doc;
        }

        private static void print(PrintWriter out, ConsoleSession session, CatalogDiff diff,
                                  ModelCatalogSync.Applied applied) {
            out.println(session.identity().bannerLine());
            out.println("OpenRouter lists " + diff.feed().size() + " usable models: " + diff.summary());
            for (CatalogEntry entry : diff.added()) {
                out.printf("  + %-50s %s, %s%n", entry.openrouterId(), entry.modality(),
                        entry.contextLength() == null ? "no context length" : entry.contextLength() + " tokens");
            }
            for (CatalogDiff.Changed changed : diff.changed()) {
                out.printf("  ~ %s%n", changed.openrouterId());
                for (CatalogDiff.FieldChange change : changed.changes()) {
                    out.printf("      %-24s %s -> %s%n", change.column(), abbreviate(change.before()),
                            abbreviate(change.after()));
                }
            }
            diff.deactivated().forEach(id -> out.printf("  - %s (set inactive, kept): %s%n", id, diff.reasonFor(id)));
            if (!diff.longContextPrices().isEmpty()) {
                out.println("  long prompts cost more (pricing.overrides; the catalog keeps the base price):");
                diff.longContextPrices().forEach(p -> out.println("    " + p.describe()));
            }
            if (applied != null) {
                out.printf("applied: %d inserted, %d updated, %d deactivated, %d synced at %s%n", applied.inserted(),
                        applied.updated(), applied.deactivated(), applied.synced(), applied.syncedAt());
            }
        }

        private static String abbreviate(String text) {
            if (text == null) {
                return "(null)";
            }
            String line = text.replace('\n', ' ');
            return line.length() <= 60 ? line : line.substring(0, 57) + "...";
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the model catalog, active first.")
    static final class ListModels implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        TargetOptions target;
        @Mixin
        OutputOptions output;

        @Option(names = "--search", paramLabel = "TEXT", description = "Match id, name or provider.")
        String search;

        @Option(names = "--provider", paramLabel = "NAME", description = "Only this provider's models, e.g. openai.")
        String provider;

        @Option(names = "--modality", paramLabel = "KIND", description = "Only models of this modality, e.g. text, image or audio.")
        String modality;

        @Option(names = "--active", description = "Only active models.")
        boolean activeOnly;

        ListModels(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                List<ModelChoice> models = session.resources().models(
                        new ModelCatalog.Filter(search, provider, modality, !activeOnly));
                if (output.json) {
                    output.printJson(context.out(), Map.of("models", models));
                } else {
                    for (ModelChoice m : models) {
                        context.out().printf("%-50s %-8s %6s  %s%s%n", m.openrouterId(), m.modality(),
                                m.contextText(), m.priceText(), m.active() ? "" : "  (inactive)");
                    }
                    context.out().println(models.size() + " model(s)");
                }
                return 0;
            }
        }
    }
}

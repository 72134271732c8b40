package jobs.x402.console.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.Confirmation;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.openrouter.ChatStreamListener;
import jobs.x402.console.openrouter.HttpRequestPreview;
import jobs.x402.console.openrouter.OpenRouterException;
import jobs.x402.console.resources.ConfigFinding;
import jobs.x402.console.resources.ConfigReading;
import jobs.x402.console.resources.InstantConfig;
import jobs.x402.console.resources.InstantRequestBuilder;
import jobs.x402.console.resources.InstantTestRun;
import jobs.x402.console.resources.PromptParameter;
import jobs.x402.console.resources.ResourceDetails;
import jobs.x402.console.resources.ResourceDraft;
import jobs.x402.console.resources.ResourceFilter;
import jobs.x402.console.resources.ResourceSummary;
import jobs.x402.console.resources.RunHistory;
import jobs.x402.console.resources.RunInputs;
import jobs.x402.console.resources.RunRecord;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.session.KeysApi;
import jobs.x402.console.session.ResourcesApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "resources", header = "x402_resources, and test runs of openrouter_instant.",
        mixinStandardHelpOptions = true,
        description = {"x402_resources: list them; create, edit, preview and test-run openrouter_instant " +
                "resources exactly as the live backend would run them."},
        subcommands = {ResourcesCommand.ListResources.class, ResourcesCommand.Show.class, ResourcesCommand.Create.class,
                ResourcesCommand.Update.class, ResourcesCommand.Preview.class, ResourcesCommand.Run.class,
                ResourcesCommand.History.class, ResourcesCommand.Compare.class, ResourcesCommand.Delete.class,
                ResourcesCommand.Retype.class})
final class ResourcesCommand {

    // ------------------------------------------------------------------ list

    @Command(name = "list", header = "List resources with model, config and parameters.",
            mixinStandardHelpOptions = true,
            description = "List resources (openrouter_instant first) with model, config summary and parameters.")
    static final class ListResources implements Callable<Integer> {
        private final CliContext context;
        @Mixin TargetOptions target;
        @Mixin OutputOptions output;
        @Option(names = "--type", paramLabel = "TYPE", description = "Only this resource_type, e.g. openrouter_instant.")
        String type;
        @Option(names = "--server", paramLabel = "SLUG", description = "Only this server's resources.")
        String server;
        @Option(names = "--active", negatable = true, description = "Only active (--active) or inactive (--no-active).")
        Boolean active;
        @Option(names = "--search", paramLabel = "TEXT", description = "Match slug or name.")
        String search;

        ListResources(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                List<ResourceSummary> list = session.resources().list(
                        new ResourceFilter(type, server, active, search));
                if (output.json) {
                    output.printJson(context.out(), Map.of("resources", list));
                    return 0;
                }
                PrintWriter out = context.out();
                for (ResourceSummary r : list) {
                    out.printf("%-18s %-14s %-22s %-8s %s%n", r.resourceType(), r.serverSlug(), r.slug(),
                            r.active() ? "active" : "inactive", r.name());
                    if (r.isInstant()) {
                        out.printf("%18s model %s · %s%n", "", r.model() == null ? "(none)" : r.model(),
                                r.configSummary());
                        long errors = r.count(ConfigFinding.Severity.ERROR);
                        long warnings = r.count(ConfigFinding.Severity.WARNING);
                        if (errors + warnings > 0) {
                            out.printf("%18s %d error(s), %d warning(s): `resources show %s`%n", "", errors, warnings,
                                    r.slug());
                        }
                    }
                    if (!r.parameters().isEmpty()) {
                        out.printf("%18s parameters: %s%n", "", String.join(", ", r.parameters()));
                    }
                }
                out.println(list.size() + " resource(s)");
                return 0;
            }
        }
    }

    // ------------------------------------------------------------------ show

    @Command(name = "show", header = "One resource: config, parameters, validation.", mixinStandardHelpOptions = true,
            description = "One openrouter_instant resource: config in both shapes, parameters, and what the validator says.")
    static final class Show implements Callable<Integer> {
        private final CliContext context;
        @Mixin TargetOptions target;
        @Mixin OutputOptions output;
        @Parameters(index = "0", paramLabel = "SLUG")
        String slug;
        @Option(names = "--server", paramLabel = "SLUG", description = "The server, when several use the slug.")
        String server;

        Show(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                ResourceDetails d = session.resources().find(slug, server);
                if (output.json) {
                    output.printJson(context.out(), document(d));
                } else {
                    print(context.out(), d);
                }
                return 0;
            }
        }

        static Map<String, Object> document(ResourceDetails d) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", d.id());
            doc.put("slug", d.slug());
            doc.put("name", d.name());
            doc.put("server", d.serverSlug());
            doc.put("creator", d.creatorId());
            doc.put("active", d.active());
            doc.put("priceUsdc", d.priceUsdc());
            doc.put("network", d.network());
            doc.put("resourceUrl", d.resourceUrl());
            doc.put("model", d.model());
            doc.put("openrouterModelId", d.modelId());
            doc.put("openrouterConfig", readJson(d.storedConfig()));
            doc.put("parameters", d.parameters());
            doc.put("allowsUserMessage", d.allowsUserMessage());
            doc.put("ptMaxTokens", d.maxTokensCopy());
            doc.put("findings", d.findings());
            return doc;
        }

        static void print(PrintWriter out, ResourceDetails d) {
            out.printf("%s — %s (%s)%n", d.slug(), d.name(), d.active() ? "active" : "inactive");
            out.printf("server %s · creator %s · %s USDC on %s%n", d.serverSlug(), d.creatorId(),
                    d.priceUsdc() == null ? "?" : d.priceUsdc().stripTrailingZeros().toPlainString(), d.network());
            out.printf("model %s%n", d.model() == null ? (d.modelId() == null ? "(none)" : d.modelId() + " (deleted)")
                    : d.model().openrouterId() + " · " + d.model().modality() + (d.model().active() ? ""
                    : " · INACTIVE"));
            out.println("openrouter_config: " + (d.storedConfig() == null ? "(null)" : d.storedConfig()));
            out.println("parameters:");
            for (PromptParameter p : d.parameters()) {
                out.printf("  %s%s%s%s%n", p.name(), p.required() ? " (required)" : "",
                        p.hasDefault() ? " default \"" + p.defaultValue() + "\"" : "",
                        p.description() == null ? "" : " — " + p.description());
            }
            out.println("user message: " + (d.allowsUserMessage() ? "allowed" : "not allowed"));
            if (d.findings().isEmpty()) {
                out.println("validator: the live backend and the spec read this config the same way");
            }
            for (ConfigFinding f : d.findings()) {
                out.printf("%-7s %s: %s%n", f.severity(), f.field(), f.message());
            }
        }
    }

    static Object readJson(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    // ------------------------------------------------------------------ create / update

    /** The editable fields; on update, options left out keep the stored value. */
    static class DraftOptions {
        @Option(names = "--name", paramLabel = "TEXT", description = "The name buyers see.") String name;
        @Option(names = "--description", paramLabel = "TEXT", description = "What the resource does.")
        String description;
        @Option(names = "--model", paramLabel = "ID", description = "The catalog row's id or its openrouter_id, e.g. openai/gpt-4o-mini.")
        String model;
        @Option(names = "--system-prompt", paramLabel = "TEXT", description = "Parameters as {name}{/name}.")
        String systemPrompt;
        @Option(names = "--system-prompt-file", paramLabel = "FILE", description = "Read the system prompt from a file.")
        Path systemPromptFile;
        @Option(names = "--parameter", paramLabel = "SPEC",
                description = "NAME[*][=DEFAULT][:DESCRIPTION], * = required; repeat; replaces the list.")
        List<String> parameters;
        @Option(names = "--parameters-json", paramLabel = "JSON", description = "pt_parameters as a JSON array.")
        String parametersJson;
        @Option(names = "--allow-user-message", negatable = true, description = "Accept a caller's user message.")
        Boolean allowUserMessage;
        @Option(names = "--temperature", paramLabel = "0..2", description = "Sampling temperature.") Double temperature;
        @Option(names = "--max-tokens", paramLabel = "1..8192", description = "Longest answer, in tokens.")
        Integer maxTokens;
        @Option(names = "--top-p", paramLabel = "0..1", description = "Nucleus sampling: the probability mass kept.")
        Double topP;
        @Option(names = "--frequency-penalty", paramLabel = "-2..2", description = "Penalty on tokens by how often they occur.")
        Double frequencyPenalty;
        @Option(names = "--presence-penalty", paramLabel = "-2..2", description = "Penalty on tokens that already occur.")
        Double presencePenalty;
        @Option(names = "--unset", paramLabel = "SETTING", split = ",",
                description = "Clear top-p, frequency-penalty or presence-penalty (back to the backend default).")
        List<String> unset;
        @Option(names = "--price", paramLabel = "USDC", description = "Price per call in USDC, e.g. 0.01.")
        BigDecimal price;
        @Option(names = "--network", paramLabel = "NAME", description = "Payment network, e.g. base.") String network;
        @Option(names = "--pay-to", paramLabel = "ADDRESS",
                description = "Default: the address the server's other resources on the network use.")
        String payTo;
        @Option(names = "--active", negatable = true, description = "Listed and callable (--active) or not (--no-active).")
        Boolean active;

        ResourceDraft apply(ResourceDraft base, String slug, String server) {
            InstantConfig c = base == null ? new InstantConfig(null, null, null, null, null, null, null) : base.config();
            String prompt = systemPrompt;
            if (systemPromptFile != null) {
                try {
                    prompt = Files.readString(systemPromptFile, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw OperatorException.usage("Cannot read " + systemPromptFile + ": " + e.getMessage(), "");
                }
            }
            List<String> cleared = unset == null ? List.of() : unset;
            InstantConfig config = new InstantConfig(prompt != null ? prompt : c.systemPrompt(),
                    temperature != null ? temperature : c.temperature(),
                    maxTokens != null ? maxTokens : c.maxTokens(),
                    cleared.contains("top-p") ? null : topP != null ? topP : c.topP(),
                    cleared.contains("frequency-penalty") ? null
                            : frequencyPenalty != null ? frequencyPenalty : c.frequencyPenalty(),
                    cleared.contains("presence-penalty") ? null
                            : presencePenalty != null ? presencePenalty : c.presencePenalty(), null);
            List<PromptParameter> params = base == null ? List.of() : base.parameters();
            if (parametersJson != null) {
                params = PromptParameter.parseList(parametersJson, "--parameters-json");
            } else if (parameters != null) {
                params = parameters.stream().map(PromptParameter::parseSpec).toList();
            }
            return new ResourceDraft(name != null ? name : base == null ? null : base.name(),
                    slug, description != null ? description : base == null ? null : base.description(),
                    server != null ? server : base == null ? null : base.server(),
                    model != null ? model : base == null ? null : base.model(), config, params,
                    allowUserMessage != null ? allowUserMessage : base != null && base.allowsUserMessage(),
                    price != null ? price : base == null ? null : base.priceUsdc(),
                    network != null ? network : base == null ? null : base.network(),
                    payTo != null ? payTo : base == null ? null : base.payTo(),
                    active != null ? active : base == null || base.active());
        }
    }

    static void printWritten(CliContext context, OutputOptions output, ResourceDetails d, String verb) {
        if (output.json) {
            output.printJson(context.out(), Show.document(d));
        } else {
            context.out().println(verb + " " + d.where() + " (" + d.id() + ")");
            Show.print(context.out(), d);
        }
    }

    @Command(name = "create", header = "Create an openrouter_instant resource.", mixinStandardHelpOptions = true,
            description = {"Create an openrouter_instant resource. The config is written in the nested shape the " +
                    "spec documents and the flat keys the live backend reads, with equal values, plus the pt_* " +
                    "copies.",
                    "Any error: nothing is written (exit 2)."})
    static final class Create implements Callable<Integer> {
        private final CliContext context;
        @Mixin TargetOptions target;
        @Mixin OutputOptions output;
        @Mixin DraftOptions draft;
        @Option(names = "--slug", required = true, paramLabel = "SLUG", description = "The URL name, unique per server.")
        String slug;
        @Option(names = "--server", required = true, paramLabel = "SLUG", description = "The server it belongs to.")
        String server;

        Create(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ResourceDraft built = draft.apply(null, slug, server);
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                ResourceDetails d = session.resources().create(built);
                printWritten(context, output, d, "created");
                return 0;
            }
        }
    }

    @Command(name = "update", header = "Change an openrouter_instant resource.", mixinStandardHelpOptions = true,
            description = {"Change an openrouter_instant resource; options left out keep their value. The config " +
                    "is rewritten in both shapes (which also repairs a nested-only or disagreeing config)."})
    static final class Update implements Callable<Integer> {
        private final CliContext context;
        @Mixin TargetOptions target;
        @Mixin OutputOptions output;
        @Mixin DraftOptions draft;
        @Parameters(index = "0", paramLabel = "SLUG") String slug;
        @Option(names = "--server", paramLabel = "SLUG", description = "The server, when several use the slug.")
        String server;
        @Option(names = "--new-slug", paramLabel = "SLUG", description = "Rename the slug.") String newSlug;

        Update(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                ResourceDetails existing = session.resources().find(slug, server);
                ResourceDraft base = ResourceDraft.of(existing);
                ResourceDraft built = draft.apply(base, newSlug != null ? newSlug : existing.slug(), null);
                ResourceDetails d = session.resources().update(existing, built);
                printWritten(context, output, d, "updated");
                return 0;
            }
        }
    }

    // ------------------------------------------------------------------ preview / run

    /** What a caller sends: --param NAME=VALUE …, --params-json, --user-message. */
    static class InputOptions {
        @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A parameter value; repeat.")
        List<String> params;
        @Option(names = "--params-json", paramLabel = "JSON",
                description = "Parameter values as a JSON object (any JSON type, as a caller could send).")
        String paramsJson;
        @Option(names = "--user-message", paramLabel = "TEXT", description = "A caller's user message, if the resource allows one.")
        String userMessage;
        @Option(names = "--as-configured",
                description = "Send what the config asks for (nested params honoured) instead of what the live backend sends.")
        boolean asConfigured;

        RunInputs inputs() {
            Map<String, Object> values = new LinkedHashMap<>();
            if (paramsJson != null) {
                try {
                    values.putAll(Json.mapper().readValue(paramsJson, new TypeReference<Map<String, Object>>() { }));
                } catch (JsonProcessingException e) {
                    throw OperatorException.usage("--params-json is not a JSON object", "e.g. {\"topic\":\"rain\"}");
                }
            }
            if (params != null) {
                for (String pair : params) {
                    int equals = pair.indexOf('=');
                    if (equals <= 0) {
                        throw OperatorException.usage("--param '" + pair + "' is not NAME=VALUE",
                                "e.g. --param topic=rain");
                    }
                    values.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
            return new RunInputs(values, userMessage);
        }

        ConfigReading reading() {
            return asConfigured ? ConfigReading.AS_CONFIGURED : ConfigReading.LIVE_BACKEND;
        }
    }

    static Map<String, Object> previewDocument(InstantTestRun.Prepared p) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("resource", p.resource().slug());
        doc.put("server", p.resource().serverSlug());
        doc.put("reading", p.reading());
        HttpRequestPreview preview = p.preview();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", preview.method());
        request.put("url", preview.url());
        request.put("headers", preview.headers());
        request.put("body", readJson(preview.body()));
        doc.put("request", request);
        doc.put("liveBackendBody", readJson(p.comparison().live().request().toJson()));
        doc.put("identicalToLiveBackend", p.comparison().identical());
        doc.put("differences", p.comparison().differences());
        doc.put("notes", p.notes());
        return doc;
    }

    static void printPreview(PrintWriter out, InstantTestRun.Prepared p) {
        HttpRequestPreview preview = p.preview();
        out.println(preview.method() + " " + preview.url());
        preview.headers().forEach((name, value) -> out.println(name + ": " + value));
        out.println();
        out.println(pretty(preview.body()));
        out.println();
        if (p.comparison().identical()) {
            out.println("The live backend would send the same request (stream aside: it sends stream false).");
        } else {
            out.println("The live backend would send something else:");
            p.comparison().differences().forEach(d -> out.println("  - " + d.sentence()));
            out.println(p.reading() == ConfigReading.LIVE_BACKEND
                    ? "  (this run sends the live backend's request; --as-configured sends the config's)"
                    : "  (this run sends what the config asks for, because of --as-configured)");
        }
        p.notes().forEach(note -> out.println("note: " + note));
    }

    private static String pretty(String json) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Json.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    @Command(name = "preview", header = "The exact request a test run would send.", mixinStandardHelpOptions = true,
            description = {"The exact request a run would send (key masked) and what the live backend would send:",
                    "identical, or the differences listed. Sends nothing."})
    static final class Preview implements Callable<Integer> {
        private final CliContext context;
        @Mixin TargetOptions target;
        @Mixin OutputOptions output;
        @Mixin OpenRouterOptions openRouter;
        @Mixin InputOptions input;
        @Parameters(index = "0", paramLabel = "SLUG") String slug;
        @Option(names = "--server", paramLabel = "SLUG", description = "The server, when several use the slug.")
        String server;

        Preview(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            RunInputs inputs = input.inputs();
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                ResourceDetails d = session.resources().find(slug, server);
                InstantTestRun.Prepared p = session.resources().prepareRun(d, inputs, input.reading(),
                        openRouter.override());
                if (output.json) {
                    output.printJson(context.out(), previewDocument(p));
                } else {
                    printPreview(context.out(), p);
                }
                return 0;
            }
        }
    }

    @Command(name = "run", header = "Test-run a resource, streaming, with its cost.", mixinStandardHelpOptions = true,
            description = {"Test-run an openrouter_instant resource with its creator's key, streaming: tokens as " +
                    "they come, then finish reason, tokens, cost, time to first token, generation id. Kept in the " +
                    "local history (no keys). Exit 0 only when the stream completed; otherwise the typed reason " +
                    "and its code."})
    static final class Run implements Callable<Integer> {
        private final CliContext context;
        @Mixin TargetOptions target;
        @Mixin OutputOptions output;
        @Mixin OpenRouterOptions openRouter;
        @Mixin InputOptions input;
        @Parameters(index = "0", paramLabel = "SLUG") String slug;
        @Option(names = "--server", paramLabel = "SLUG", description = "The server, when several use the slug.")
        String server;
        @Option(names = "--secret-env", paramLabel = "VAR", defaultValue = KeysApi.DEFAULT_SECRET_VARIABLE,
                description = "Environment variable holding the integration secret (default ${DEFAULT-VALUE}).")
        String secretEnv;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
                description = "Cancel the stream after this long (default ${DEFAULT-VALUE}).")
        long timeoutSeconds;
        @Option(names = "--mark-invalid-on-401",
                description = "When OpenRouter answers 401, set the creator's is_valid = false (audited).")
        boolean markInvalidOn401;
        @Option(names = "--no-preview", description = "Do not print the request before sending.")
        boolean noPreview;

        Run(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            RunInputs inputs = input.inputs();
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                ResourceDetails d = session.resources().find(slug, server);
                InstantTestRun.Prepared p = session.resources().prepareRun(d, inputs, input.reading(),
                        openRouter.override());
                PrintWriter out = context.out();
                if (!output.json && !noPreview) {
                    printPreview(out, p);
                    out.println("---");
                }
                progress.step("Streaming from " + p.preview().url());
                ChatStreamListener listener = output.json ? text -> { } : new ChatStreamListener() {

                    private boolean reasoned;

                    @Override
                    public void onReasoning(String text) {
                        // the answer goes to stdout; the model's reasoning is shown apart, on stderr
                        if (!output.quiet) {
                            if (!reasoned) {
                                context.err().print("[reasoning] ");
                                reasoned = true;
                            }
                            context.err().print(text);
                            context.err().flush();
                        }
                    }

                    @Override
                    public void onDelta(String text2) {
                        if (reasoned) {
                            context.err().println();
                            context.err().flush();
                            reasoned = false;
                        }
                        out.print(text2);
                        out.flush();
                    }

                    @Override
                    public void onImage(String url) {
                        out.println();
                        out.println("[image " + url.length() + " chars]");
                    }

                    @Override
                    public void onRetry(int nextAttempt, Duration delay, OpenRouterException cause) {
                        progress.step(cause.problem() + "; attempt " + nextAttempt + " in " + delay.toMillis()
                                + " ms");
                    }
                };
                InstantTestRun.Running running = session.resources().startRun(p,
                        session.resources().secretFromVariable(secretEnv), listener, openRouter.override());
                Thread watchdog = new Thread(() -> {
                    try {
                        Thread.sleep(Duration.ofSeconds(timeoutSeconds).toMillis());
                        running.cancel();
                    } catch (InterruptedException ignored) {
                        // the run ended first
                    }
                }, "run-timeout");
                watchdog.setDaemon(true);
                watchdog.start();
                RunRecord record = running.finish();
                watchdog.interrupt();
                boolean markedInvalid = false;
                if (markInvalidOn401 && Integer.valueOf(401).equals(record.httpStatus())) {
                    session.resources().markCreatorKeyInvalid(d.creatorId());
                    markedInvalid = true;
                }
                int exit = exitCode(record);
                if (output.json) {
                    Map<String, Object> doc = previewDocument(p);
                    doc.put("run", record);
                    doc.put("keyMarkedInvalid", markedInvalid);
                    doc.put("exitCode", exit);
                    output.printJson(out, doc);
                } else {
                    printOutcome(out, context.err(), record, markedInvalid);
                }
                return exit;
            }
        }

        static int exitCode(RunRecord record) {
            if (record.completed()) {
                return ExitCode.SUCCESS.code();
            }
            if (record.errorKind() != null && java.util.EnumSet.of(OpenRouterException.Kind.INVALID_KEY,
                    OpenRouterException.Kind.NETWORK_FAILURE, OpenRouterException.Kind.TIMEOUT)
                    .contains(record.errorKind())) {
                return ExitCode.UNREACHABLE.code();
            }
            return ExitCode.FAILURE.code();
        }

        static void printOutcome(PrintWriter out, PrintWriter err, RunRecord r, boolean markedInvalid) {
            out.println();
            out.println("---");
            out.printf("outcome %s · finish %s · tokens %s prompt / %s completion · cost %s USD%n", r.outcome(),
                    r.finishReason(), r.promptTokens(), r.completionTokens(),
                    r.cost() == null ? "?" : r.cost().toPlainString());
            out.printf("time to first token %s ms · total %s ms · generation %s · run %s%n",
                    r.timeToFirstTokenMillis(), r.totalMillis(), r.generationId(), r.id());
            if (!r.images().isEmpty()) {
                out.println("images: " + String.join("; ", r.images()));
            }
            out.flush();
            if (r.failed()) {
                err.println("error: " + r.errorProblem());
                if (r.errorRemedy() != null && !r.errorRemedy().isEmpty()) {
                    err.println("  what to do: " + r.errorRemedy());
                }
                if (Integer.valueOf(401).equals(r.httpStatus())) {
                    err.println(markedInvalid ? "  the creator's key is now marked is_valid = false"
                            : "  add --mark-invalid-on-401 to record is_valid = false for this key");
                }
            } else if (!r.completed()) {
                err.println("error: the stream " + (r.outcome() == RunRecord.Outcome.CANCELLED ? "was cancelled"
                        : "ended without [DONE]: the text may be incomplete"));
            }
            err.flush();
        }
    }

    // ------------------------------------------------------------------ history / compare

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Past test-runs (local, no keys).")
    static final class History implements Callable<Integer> {
        private final CliContext context;
        @Mixin OutputOptions output;
        @Option(names = "--resource", paramLabel = "SLUG", description = "Only runs of this resource.") String resource;
        @Option(names = "--limit", defaultValue = "20", description = "How many runs, newest first (default ${DEFAULT-VALUE}).")
        int limit;

        History(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<RunRecord> runs = new ArrayList<>(ResourcesApi.runs(context.environment()).stream()
                    .filter(r -> resource == null || resource.equals(r.resource())).toList());
            List<RunRecord> last = runs.subList(Math.max(0, runs.size() - limit), runs.size());
            if (output.json) {
                output.printJson(context.out(), Map.of("runs", last));
            } else {
                for (RunRecord r : last) {
                    context.out().printf("%s  %s  %-20s %-10s %s%n", r.id().substring(0, 8), r.at(), r.resource(),
                            r.outcome(), r.failed() ? r.errorProblem()
                                    : r.completionTokens() + " tokens, " + (r.cost() == null ? "?"
                                    : r.cost().toPlainString()) + " USD");
                }
            }
            return 0;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true, description = "Two test-runs side by side.")
    static final class Compare implements Callable<Integer> {
        private final CliContext context;
        @Mixin OutputOptions output;
        @Parameters(index = "0", paramLabel = "RUN_A") String left;
        @Parameters(index = "1", paramLabel = "RUN_B") String right;

        Compare(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<RunHistory.Row> rows = ResourcesApi.compareRuns(ResourcesApi.findRun(context.environment(), left),
                    ResourcesApi.findRun(context.environment(), right));
            if (output.json) {
                output.printJson(context.out(), Map.of("rows", rows));
            } else {
                for (RunHistory.Row row : rows) {
                    context.out().printf("%s %-26s %-40s | %s%n", row.differs() ? "*" : " ", row.label(),
                            cell(row.left()), cell(row.right()));
                }
            }
            return 0;
        }

        private static String cell(String text) {
            if (text == null) {
                return "-";
            }
            String line = text.replace('\n', ' ');
            return line.length() <= 40 ? line : line.substring(0, 39) + "…";
        }
    }

    // ------------------------------------------------------------------ delete / retype

    /** Prints the target, what will run and what it means; stderr, so --json keeps stdout to its one document. */
    static void printChange(CliContext context, ConsoleSession session, jobs.x402.console.resources.ResourceChange change) {
        context.err().println("target: " + (session.identity().kind() == jobs.x402.console.target.TargetKind.REMOTE
                ? "!! REMOTE TARGET !! " : "") + session.identity().bannerLine());
        context.err().println(jobs.x402.console.session.ResourcesText.changeSummary(change));
        context.err().println("  " + change.sql());
        context.err().flush();
    }

    static Map<String, Object> changeDocument(ConsoleSession session, jobs.x402.console.resources.ResourceChange change,
                                              boolean done) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("target", DbCommand.describe(session.identity()));
        doc.put("change", change);
        doc.put("done", done);
        return doc;
    }

    @Command(name = "delete", header = "Delete a resource. Needs --yes.", mixinStandardHelpOptions = true,
            description = {"Delete a resource (any type), e.g. an openrouter_instant one that blocks a rollback of 005.",
                    "Shows the target and the statement; needs --yes --confirm DATABASE. Audited."})
    static final class Delete implements Callable<Integer> {
        private final CliContext context;
        @Mixin TargetOptions target;
        @Mixin OutputOptions output;
        @Parameters(index = "0", paramLabel = "SLUG") String slug;
        @Option(names = "--server", paramLabel = "SLUG", description = "The server, when several use the slug.")
        String server;
        @Option(names = "--yes", description = "Confirm the deletion.")
        boolean yes;
        @Option(names = "--confirm", paramLabel = "DATABASE", description = "The target database's name, typed to"
                + " confirm an irreversible change.")
        String confirm;

        Delete(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                jobs.x402.console.resources.ResourceChange change = session.resources().previewDelete(slug, server);
                printChange(context, session, change);
                session.resources().delete(change, yes ? Confirmation.given(confirm) : Confirmation.typedOnly(confirm));
                if (output.json) {
                    output.printJson(context.out(), changeDocument(session, change, true));
                } else {
                    context.out().println(jobs.x402.console.session.ResourcesText.changed(change));
                }
                return 0;
            }
        }
    }

    @Command(name = "retype", header = "Change a resource's type. Needs --yes.", mixinStandardHelpOptions = true,
            description = {"Change a resource's type, e.g. an openrouter_instant one to prompt_template so that " +
                    "005 can be rolled back (its model and config stay in the row). Needs --yes. Audited."})
    static final class Retype implements Callable<Integer> {
        private final CliContext context;
        @Mixin TargetOptions target;
        @Mixin OutputOptions output;
        @Parameters(index = "0", paramLabel = "SLUG") String slug;
        @Option(names = "--to", paramLabel = "TYPE", required = true,
                description = "external, prompt, prompt_template, proxy or static.")
        String type;
        @Option(names = "--server", paramLabel = "SLUG", description = "The server, when several use the slug.")
        String server;
        @Option(names = "--yes", description = "Confirm the change.")
        boolean yes;

        Retype(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                jobs.x402.console.resources.ResourceChange change = session.resources().previewRetype(slug, server,
                        type);
                printChange(context, session, change);
                session.resources().retype(change, Confirmation.of(yes));
                if (output.json) {
                    output.printJson(context.out(), changeDocument(session, change, true));
                } else {
                    context.out().println(jobs.x402.console.session.ResourcesText.changed(change));
                }
                return 0;
            }
        }
    }
}

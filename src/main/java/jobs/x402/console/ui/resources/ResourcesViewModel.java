package jobs.x402.console.ui.resources;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.session.KeysApi;
import jobs.x402.console.session.ResourcesApi;
import jobs.x402.console.session.ResourcesText;
import jobs.x402.console.keys.IntegrationSecretSource;
import jobs.x402.console.openrouter.ChatStreamListener;
import jobs.x402.console.resources.CatalogDiff;
import jobs.x402.console.resources.ConfigFinding;
import jobs.x402.console.resources.ConfigReading;
import jobs.x402.console.resources.InstantConfig;
import jobs.x402.console.resources.InstantResourceEditor;
import jobs.x402.console.resources.InstantTestRun;
import jobs.x402.console.resources.ModelCatalog;
import jobs.x402.console.resources.ModelChoice;
import jobs.x402.console.resources.PromptParameter;
import jobs.x402.console.resources.ResourceDetails;
import jobs.x402.console.resources.ResourceDraft;
import jobs.x402.console.resources.ResourceFilter;
import jobs.x402.console.resources.ResourceSummary;
import jobs.x402.console.resources.RunHistory;
import jobs.x402.console.resources.RunInputs;
import jobs.x402.console.resources.RunRecord;
import jobs.x402.console.resources.ServerChoice;
import jobs.x402.console.ui.ErrorText;
import jobs.x402.console.ui.shell.ConsoleContext;
import jobs.x402.console.ui.tasks.TaskRunner;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Resources page's state: the filtered list, the editor's fields, the test-run (live tokens, figures, typed
 * error) and the run history. Every read, write and stream runs on the shared executor or the client's own thread;
 * properties change on the FX thread only.
 */
public final class ResourcesViewModel {
    static final String ALL = "(all)";

    private final ConsoleContext context;

    // list and filters
    final ObservableList<ResourceSummary> resources = FXCollections.observableArrayList();
    final ObservableList<String> typeChoices = FXCollections.observableArrayList(ALL, "openrouter_instant",
            "prompt_template", "prompt", "external", "proxy", "static");
    final ObservableList<String> serverFilterChoices = FXCollections.observableArrayList(ALL);
    final ObservableList<String> activeChoices = FXCollections.observableArrayList(ALL, "active", "inactive");
    final StringProperty typeFilter = new SimpleStringProperty("openrouter_instant");
    final StringProperty serverFilter = new SimpleStringProperty(ALL);
    final StringProperty activeFilter = new SimpleStringProperty(ALL);
    final StringProperty searchText = new SimpleStringProperty("");
    final BooleanProperty loading = new SimpleBooleanProperty(false);
    final StringProperty listSummary = new SimpleStringProperty("");

    // editor
    final ObjectProperty<ResourceDetails> editing = new SimpleObjectProperty<>();
    final ObservableList<ServerChoice> servers = FXCollections.observableArrayList();
    final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    final StringProperty modelSearch = new SimpleStringProperty("");
    final StringProperty name = new SimpleStringProperty("");
    final StringProperty slug = new SimpleStringProperty("");
    final StringProperty description = new SimpleStringProperty("");
    final ObjectProperty<ServerChoice> server = new SimpleObjectProperty<>();
    final ObjectProperty<ModelChoice> model = new SimpleObjectProperty<>();
    final StringProperty systemPrompt = new SimpleStringProperty("");
    final StringProperty parameterLines = new SimpleStringProperty("");
    final BooleanProperty allowsUserMessage = new SimpleBooleanProperty(false);
    final BooleanProperty active = new SimpleBooleanProperty(true);
    final StringProperty temperature = new SimpleStringProperty("1");
    final StringProperty maxTokens = new SimpleStringProperty("4096");
    final StringProperty topP = new SimpleStringProperty("");
    final StringProperty frequencyPenalty = new SimpleStringProperty("");
    final StringProperty presencePenalty = new SimpleStringProperty("");
    final StringProperty price = new SimpleStringProperty("0.01");
    final StringProperty network = new SimpleStringProperty(ResourceDraft.DEFAULT_NETWORK);
    final StringProperty payTo = new SimpleStringProperty("");
    final ObservableList<ConfigFinding> findings = FXCollections.observableArrayList();
    final StringProperty editorStatus = new SimpleStringProperty("");

    // test-run
    final StringProperty runParameters = new SimpleStringProperty("");
    final StringProperty userMessage = new SimpleStringProperty("");
    final BooleanProperty asConfigured = new SimpleBooleanProperty(false);
    final StringProperty openRouterUrl;
    final StringProperty secretVariable = new SimpleStringProperty(KeysApi.DEFAULT_SECRET_VARIABLE);
    final StringProperty requestPreview = new SimpleStringProperty("");
    final StringProperty comparisonText = new SimpleStringProperty("");
    /** The answer as it streams: appended once per pulse, never rebuilt. */
    final LiveText output;
    /** The model's reasoning as it streams, shown apart from the output (collapsed). */
    final LiveText reasoning;
    final StringProperty runFigures = new SimpleStringProperty("");
    final StringProperty runStatus = new SimpleStringProperty("");
    final ObjectProperty<ErrorText> runError = new SimpleObjectProperty<>();
    final BooleanProperty running = new SimpleBooleanProperty(false);
    final BooleanProperty offerMarkInvalid = new SimpleBooleanProperty(false);
    final ObservableList<String> images = FXCollections.observableArrayList();
    private volatile InstantTestRun.Running currentRun;
    private char[] typedSecret;

    // history
    final ObservableList<RunRecord> history = FXCollections.observableArrayList();
    final ObjectProperty<RunRecord> compareLeft = new SimpleObjectProperty<>();
    final ObjectProperty<RunRecord> compareRight = new SimpleObjectProperty<>();
    final ObservableList<RunHistory.Row> comparison = FXCollections.observableArrayList();

    private final jobs.x402.console.ui.Dialogs dialogs;

    ResourcesViewModel(ConsoleContext context) {
        this(context, jobs.x402.console.ui.Dialogs.NO);
    }

    ResourcesViewModel(ConsoleContext context, jobs.x402.console.ui.Dialogs dialogs) {
        this.context = context;
        this.dialogs = dialogs;
        this.openRouterUrl = new SimpleStringProperty(context.environment().openRouterBaseUrl());
        this.output = new LiveText(context.tasks());
        this.reasoning = new LiveText(context.tasks());
        compareLeft.addListener((o, a, b) -> compare());
        compareRight.addListener((o, a, b) -> compare());
        // a new resource's slug follows its name until the operator writes a slug of their own
        name.addListener((o, a, typed) -> {
            if (editing.get() == null && slugFollowsName) {
                derivingSlug = true;
                slug.set(slugOf(typed));
                derivingSlug = false;
            }
        });
        slug.addListener((o, a, typed) -> {
            if (!derivingSlug && editing.get() == null) {
                slugFollowsName = typed == null || typed.isEmpty();
            }
        });
        context.sessionProperty().addListener((obs, old, session) -> {
            // what was read on the previous target must not stay under the new banner
            editing.set(null);
            resources.clear();
            findings.clear();
            requestPreview.set("");
            comparisonText.set("");
            runFigures.set("");
            runError.set(null);
            output.clear();
            reasoning.clear();
        });
    }

    private ConsoleSession session() {
        return context.session();
    }

    /** The model catalog's table on this target (ai_models, or x402_openrouter_models on the shipped schema). */
    String catalogName() {
        return session().resources().modelCatalogTable();
    }

    // ------------------------------------------------------------------ list

    void refresh() {
        ConsoleSession session = session();
        if (session == null || loading.get()) {
            return;
        }
        loading.set(true);
        ResourceFilter filter = new ResourceFilter(value(typeFilter), value(serverFilter),
                ALL.equals(activeFilter.get()) ? null : "active".equals(activeFilter.get()), searchText.get());
        context.tasks().run("Reading resources", progress -> {
            ResourcesApi api = session.resources();
            return new Loaded(api.list(filter), api.servers(), api.models(ModelCatalog.Filter.all()),
                    api.runs());
        }, loaded -> {
            loading.set(false);
            resources.setAll(loaded.resources());
            listSummary.set(loaded.resources().size() + " resource(s)");
            // replacing equal lists would reset the combo boxes' selections under the operator's hands
            if (!servers.equals(loaded.servers())) {
                ServerChoice chosen = server.get();
                servers.setAll(loaded.servers());
                server.set(chosen);
            }
            List<String> filterChoices = new ArrayList<>(List.of(ALL));
            loaded.servers().forEach(s -> filterChoices.add(s.slug()));
            if (!serverFilterChoices.equals(filterChoices)) {
                String keep = serverFilter.get();
                serverFilterChoices.setAll(filterChoices);
                serverFilter.set(serverFilterChoices.contains(keep) ? keep : ALL);
            }
            allModels = loaded.models();
            filterModels();
            history.setAll(loaded.runs());
        }, failure -> {
            loading.set(false);
            context.showError(failure);
        }, () -> loading.set(false));
    }

    private record Loaded(List<ResourceSummary> resources, List<ServerChoice> servers, List<ModelChoice> models,
                          List<RunRecord> runs) {
    }

    private List<ModelChoice> allModels = List.of();

    /** The model picker's list: search over id, name and provider; inactive models stay visible but last. */
    void filterModels() {
        ModelCatalog.Filter filter = new ModelCatalog.Filter(modelSearch.get(), null, null, true);
        ModelChoice selected = model.get();
        List<ModelChoice> shown = new ArrayList<>(allModels.stream().filter(m -> filterMatches(filter, m)).toList());
        if (selected != null && !shown.contains(selected)) {
            shown.add(0, selected);
        }
        models.setAll(shown);
    }

    private static boolean filterMatches(ModelCatalog.Filter filter, ModelChoice m) {
        String text = filter.text() == null ? "" : filter.text().toLowerCase(java.util.Locale.ROOT).trim();
        return text.isEmpty() || (m.openrouterId() + " " + m.displayName() + " " + m.provider() + " " + m.modality())
                .toLowerCase(java.util.Locale.ROOT).contains(text);
    }

    private static String value(StringProperty choice) {
        String v = choice.get();
        return v == null || ALL.equals(v) ? null : v;
    }

    // ------------------------------------------------------------------ delete / retype

    /** Preview, then the target banner with the statement and the database name typed, then the delete. */
    void delete(ResourceSummary summary) {
        ConsoleSession session = session();
        if (session == null || summary == null) {
            return;
        }
        context.tasks().run("Reading what deleting " + summary.slug() + " does", progress -> session.resources()
                .previewDelete(summary.slug(), summary.serverSlug()), change -> {
                    String typed = dialogs.confirmTyped(session.identity(), "Delete resource",
                            ResourcesText.changeSummary(change), change.sql(), "Delete");
                    if (typed == null) {
                        return;
                    }
                    change(session, change, "Deleting " + change.where(), () -> session.resources().delete(change,
                            jobs.x402.console.core.Confirmation.given(typed)));
                }, context::showError);
    }

    /** Preview, then the target banner with the statement, then the change of type. */
    void retype(ResourceSummary summary, String newType) {
        ConsoleSession session = session();
        if (session == null || summary == null || newType == null) {
            return;
        }
        context.tasks().run("Reading what the change of type does", progress -> session.resources()
                .previewRetype(summary.slug(), summary.serverSlug(), newType), change -> {
                    if (!dialogs.confirm(session.identity(), "Change the type of " + change.slug(),
                            ResourcesText.changeSummary(change), change.sql(), "Change type")) {
                        return;
                    }
                    change(session, change, "Changing the type of " + change.where(), () -> session.resources()
                            .retype(change, jobs.x402.console.core.Confirmation.given()));
                }, context::showError);
    }

    private void change(ConsoleSession session, jobs.x402.console.resources.ResourceChange change, String title,
                        Runnable work) {
        context.tasks().run(title, progress -> {
            work.run();
            return change;
        }, done -> {
            context.databaseChanged();
            editorStatus.set(ResourcesText.changed(done));
            context.showStatus(ResourcesText.changed(done));
            if (editing.get() != null && editing.get().id().equals(done.resourceId())) {
                editing.set(null); // the editor must not keep showing a row that is gone or no longer instant
            }
            refresh();
        }, context::showError);
    }

    // ------------------------------------------------------------------ editor

    void open(ResourceSummary summary) {
        ConsoleSession session = session();
        if (session == null || summary == null) {
            return;
        }
        if (!summary.isInstant()) {
            editorStatus.set(summary.slug() + " is a " + summary.resourceType()
                    + " resource: the console edits openrouter_instant ones");
            return;
        }
        context.tasks().run("Reading resource " + summary.slug(),
                progress -> session.resources().find(summary.slug(), summary.serverSlug()),
                this::showDetails, context::showError);
    }

    private void showDetails(ResourceDetails d) {
        editing.set(d);
        ResourceDraft draft;
        try {
            draft = ResourceDraft.of(d);
        } catch (OperatorException unreadable) {
            draft = new ResourceDraft(d.name(), d.slug(), d.description(), d.serverSlug(), null,
                    new InstantConfig(d.config() == null ? "" : d.config().systemPrompt(), null, null, null, null,
                            null, null), d.parameters(), d.allowsUserMessage(), d.priceUsdc(), d.network(),
                    d.payTo(), d.active());
        }
        fill(draft);
        server.set(servers.stream().filter(s -> s.id().equals(d.serverId())).findFirst().orElse(null));
        model.set(d.model());
        filterModels();
        findings.setAll(d.findings());
        editorStatus.set(d.findings().isEmpty() ? "Both readers see this config the same way."
                : d.findings().size() + " finding(s): saving rewrites the config in both shapes");
        runParameters.set(String.join("\n", d.parameters().stream()
                .map(p -> p.name() + "=" + (p.hasDefault() ? p.defaultValue() : "")).toList()));
    }

    private boolean slugFollowsName = true;
    private boolean derivingSlug;

    /**
     * The slug a name suggests, in the shape the backend accepts ([a-z0-9][a-z0-9-]{0,62}): accents dropped,
     * lower case, every other run of characters one hyphen. "Résumé Writer (EN)" → "resume-writer-en".
     */
    static String slugOf(String name) {
        if (name == null) {
            return "";
        }
        String plain = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return plain.length() <= 63 ? plain : plain.substring(0, 63).replaceAll("-+$", "");
    }

    void newResource() {
        editing.set(null);
        slugFollowsName = true;
        fill(new ResourceDraft("", "", "", null, null, new InstantConfig("", 1.0, 4096, null, null, null, null),
                List.of(), false, ResourceDraft.DEFAULT_PRICE, ResourceDraft.DEFAULT_NETWORK, null, true));
        server.set(null);
        model.set(null);
        findings.clear();
        editorStatus.set("New openrouter_instant resource");
    }

    private void fill(ResourceDraft d) {
        name.set(nz(d.name()));
        slug.set(nz(d.slug()));
        description.set(nz(d.description()));
        InstantConfig c = d.config();
        systemPrompt.set(nz(c.systemPrompt()));
        temperature.set(number(c.temperature()));
        maxTokens.set(c.maxTokens() == null ? "" : c.maxTokens().toString());
        topP.set(number(c.topP()));
        frequencyPenalty.set(number(c.frequencyPenalty()));
        presencePenalty.set(number(c.presencePenalty()));
        parameterLines.set(String.join("\n", d.parameters().stream().map(PromptParameter::toSpec).toList()));
        allowsUserMessage.set(d.allowsUserMessage());
        active.set(d.active());
        price.set(d.priceUsdc() == null ? "" : d.priceUsdc().toPlainString());
        network.set(d.network() == null ? ResourceDraft.DEFAULT_NETWORK : d.network());
        payTo.set(nz(d.payTo()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String number(Double d) {
        if (d == null) {
            return "";
        }
        return d == Math.rint(d) ? String.valueOf(d.longValue()) : d.toString();
    }

    /** The draft the fields describe; a field that is not a number is an error finding, not an exception. */
    ResourceDraft draft(List<ConfigFinding> problems) {
        InstantConfig config = new InstantConfig(systemPrompt.get(), parseDouble("temperature", temperature, problems),
                parseInt("maxTokens", maxTokens, problems), parseDouble("topP", topP, problems),
                parseDouble("frequencyPenalty", frequencyPenalty, problems),
                parseDouble("presencePenalty", presencePenalty, problems), null);
        List<PromptParameter> parameters = new ArrayList<>();
        for (String line : parameterLines.get().split("\n")) {
            if (!line.isBlank()) {
                try {
                    parameters.add(PromptParameter.parseSpec(line));
                } catch (OperatorException e) {
                    problems.add(new ConfigFinding(ConfigFinding.Severity.ERROR, "pt_parameters", e.problem()));
                }
            }
        }
        BigDecimal priceValue = null;
        try {
            priceValue = price.get().isBlank() ? null : new BigDecimal(price.get().trim());
        } catch (NumberFormatException e) {
            problems.add(new ConfigFinding(ConfigFinding.Severity.ERROR, "price_usdc", "not a number"));
        }
        return new ResourceDraft(name.get(), slug.get().trim(), description.get(),
                server.get() == null ? null : server.get().id().toString(),
                model.get() == null ? null : model.get().id().toString(), config, parameters, allowsUserMessage.get(),
                priceValue, network.get(), payTo.get().isBlank() ? null : payTo.get().trim(), active.get());
    }

    private static Double parseDouble(String field, StringProperty text, List<ConfigFinding> problems) {
        String t = text.get() == null ? "" : text.get().trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            problems.add(new ConfigFinding(ConfigFinding.Severity.ERROR, field, "'" + t + "' is not a number"));
            return null;
        }
    }

    private static Integer parseInt(String field, StringProperty text, List<ConfigFinding> problems) {
        String t = text.get() == null ? "" : text.get().trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            problems.add(new ConfigFinding(ConfigFinding.Severity.ERROR, field, "'" + t + "' is not a whole number"));
            return null;
        }
    }

    /** Declared parameter names, for the prompt highlighting. */
    List<String> declaredParameters() {
        List<String> names = new ArrayList<>();
        for (String line : parameterLines.get().split("\n")) {
            try {
                if (!line.isBlank()) {
                    names.add(PromptParameter.parseSpec(line).name());
                }
            } catch (OperatorException ignored) {
                // shown as a finding on check
            }
        }
        return names;
    }

    void check() {
        ConsoleSession session = session();
        if (session == null) {
            return;
        }
        List<ConfigFinding> problems = new ArrayList<>();
        ResourceDraft draft = draft(problems);
        ResourceDetails existing = editing.get();
        context.tasks().run("Checking the resource", progress -> session.resources()
                .check(draft, existing == null ? null : existing.id()), check -> {
                    List<ConfigFinding> all = new ArrayList<>(problems);
                    all.addAll(check.findings());
                    findings.setAll(all);
                    editorStatus.set(all.isEmpty() ? "No findings: ready to save" : all.size() + " finding(s)");
                }, context::showError);
    }

    void save() {
        ConsoleSession session = session();
        if (session == null) {
            return;
        }
        List<ConfigFinding> problems = new ArrayList<>();
        ResourceDraft draft = draft(problems);
        if (!problems.isEmpty()) {
            findings.setAll(problems);
            editorStatus.set("Nothing written: fix the fields marked");
            return;
        }
        ResourceDetails existing = editing.get();
        context.tasks().run(existing == null ? "Creating " + draft.slug() : "Saving " + draft.slug(),
                progress -> session.resources().save(existing, draft), outcome -> {
            if (outcome.saved() == null) {
                findings.setAll(outcome.check().findings());
                editorStatus.set("Nothing written: " + outcome.check().findings().stream()
                        .filter(f -> f.severity() == ConfigFinding.Severity.ERROR).count() + " error(s) below");
                return;
            }
            ResourceDetails saved = outcome.saved();
            showDetails(saved);
            editorStatus.set("Saved " + saved.where() + (saved.findings().isEmpty() ? "" : " with "
                    + saved.findings().size() + " finding(s)"));
            context.showStatus("Saved " + saved.where());
            refresh();
        }, failure -> {
            editorStatus.set("Nothing written: " + ErrorText.of(failure).problem());
            context.showError(failure);
        });
    }

    // ------------------------------------------------------------------ models sync

    void syncModels(Consumer<CatalogDiff> confirm) {
        ConsoleSession session = session();
        if (session == null) {
            return;
        }
        String url = openRouterUrl.get();
        context.tasks().run("Fetching OpenRouter's model catalog",
                progress -> session.resources().previewModelSync(false, url, progress), confirm, context::showError);
    }

    void applySync(CatalogDiff diff) {
        ConsoleSession session = session();
        String catalog = session.resources().modelCatalogTable();
        context.tasks().run("Syncing " + catalog, progress -> session.resources().applyModelSync(diff, progress),
                applied -> {
                    context.showStatus(catalog + " synced: " + applied.inserted() + " new, " + applied.updated()
                            + " changed, " + applied.deactivated() + " deactivated");
                    refresh();
                }, context::showError);
    }

    // ------------------------------------------------------------------ test-run

    void setTypedSecret(char[] chars) {
        if (typedSecret != null) {
            java.util.Arrays.fill(typedSecret, '\0');
        }
        typedSecret = chars == null || chars.length == 0 ? null : chars.clone();
    }

    private RunInputs inputs() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String line : runParameters.get().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw OperatorException.usage("Parameter line '" + line + "' is not NAME=VALUE", "");
            }
            String value = line.substring(equals + 1);
            // an empty value means "not given", so the default applies, as a caller leaving the field out
            if (!value.isEmpty()) {
                values.put(line.substring(0, equals).trim(), value);
            }
        }
        return new RunInputs(values, userMessage.get());
    }

    void preview() {
        ResourceDetails d = editing.get();
        ConsoleSession session = session();
        if (d == null || session == null) {
            return;
        }
        runError.set(null);
        ConfigReading reading = asConfigured.get() ? ConfigReading.AS_CONFIGURED : ConfigReading.LIVE_BACKEND;
        String url = openRouterUrl.get();
        RunInputs inputs;
        try {
            inputs = inputs();
        } catch (OperatorException e) {
            runError.set(ErrorText.of(e));
            return;
        }
        context.tasks().run("Building the request", progress -> session.resources().prepareRun(d, inputs, reading,
                url), this::showPrepared, failure -> runError.set(ErrorText.of(failure)));
    }

    private void showPrepared(InstantTestRun.Prepared p) {
        StringBuilder text = new StringBuilder(p.preview().method()).append(' ').append(p.preview().url())
                .append('\n');
        p.preview().headers().forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        text.append('\n').append(pretty(p.preview().body()));
        requestPreview.set(text.toString());
        StringBuilder comparison = new StringBuilder();
        if (p.comparison().identical()) {
            comparison.append("Identical to what the live backend would send (it sends stream false).");
        } else {
            comparison.append("The live backend would send something else:");
            p.comparison().differences().forEach(d -> comparison.append("\n • ").append(d.sentence()));
        }
        p.notes().forEach(n -> comparison.append("\nnote: ").append(n));
        comparisonText.set(comparison.toString());
    }

    private static String pretty(String json) {
        try {
            var mapper = jobs.x402.console.core.Json.mapper();
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json;
        }
    }

    void run() {
        ResourceDetails d = editing.get();
        ConsoleSession session = session();
        if (d == null || session == null || running.get()) {
            return;
        }
        RunInputs inputs;
        try {
            inputs = inputs();
        } catch (OperatorException e) {
            runError.set(ErrorText.of(e));
            return;
        }
        runError.set(null);
        offerMarkInvalid.set(false);
        output.clear();
        reasoning.clear();
        images.clear();
        runFigures.set("");
        running.set(true);
        runStatus.set("Sending…");
        // everything the work needs is read here, on the UI thread; the stream thread touches no property
        ConfigReading reading = asConfigured.get() ? ConfigReading.AS_CONFIGURED : ConfigReading.LIVE_BACKEND;
        String url = openRouterUrl.get();
        ResourcesApi api = session.resources();
        IntegrationSecretSource secrets = typedSecret != null ? api.typedSecret(typedSecret)
                : api.secretFromVariable(secretVariable.get());
        ChatStreamListener listener = new ChatStreamListener() {
            private volatile boolean streaming;

            @Override
            public void onDelta(String text) {
                output.append(text);
                if (!streaming) {
                    streaming = true;
                    context.tasks().onUiThread(() -> runStatus.set("Streaming…"));
                }
            }

            @Override
            public void onReasoning(String text) {
                reasoning.append(text);
                context.tasks().onUiThread(() -> {
                    if (!"Reasoning…".equals(runStatus.get())) {
                        runStatus.set("Reasoning…");
                    }
                });
            }

            @Override
            public void onImage(String imageUrl) {
                context.tasks().onUiThread(() -> images.add(imageUrl));
            }

            @Override
            public void onComment(String text) {
                context.tasks().onUiThread(() -> runStatus.set("OpenRouter: " + text.strip()));
            }

            @Override
            public void onRetry(int nextAttempt, java.time.Duration delay,
                                jobs.x402.console.openrouter.OpenRouterException cause) {
                context.tasks().onUiThread(() -> runStatus.set(cause.problem() + " — attempt " + nextAttempt + " in "
                        + delay.toMillis() + " ms"));
            }
        };
        currentTask = context.tasks().run("Test-run of " + d.slug(), progress -> {
            InstantTestRun.Prepared prepared = api.prepareRun(d, inputs, reading, url);
            context.tasks().onUiThread(() -> showPrepared(prepared));
            try {
                progress.checkCancelled(); // cancelled before the stream: nothing is sent
                currentRun = api.startRun(prepared, secrets, listener, url);
                if (progress.isCancelled()) {
                    currentRun.cancel();
                }
                return new Finished(currentRun.finish(), api.runs());
            } finally {
                secrets.close();
                currentRun = null;
            }
        }, finished -> {
            history.setAll(finished.runs());
            showRecord(finished.record());
        }, failure -> {
            running.set(false);
            runStatus.set("Not sent");
            runError.set(ErrorText.of(failure));
        }, () -> {
            running.set(false);
            runStatus.set("CANCELLED");
        });
    }

    private record Finished(RunRecord record, List<RunRecord> runs) {
    }

    private TaskRunner.Handle currentTask;

    private void showRecord(RunRecord r) {
        runFigures.set("finish " + r.finishReason() + " · tokens " + r.promptTokens() + " prompt / "
                + r.completionTokens() + " completion · cost " + (r.cost() == null ? "?"
                : r.cost().toPlainString() + " USD") + " · first token " + r.timeToFirstTokenMillis()
                + " ms · total " + r.totalMillis() + " ms · generation " + r.generationId());
        if (r.failed()) {
            runError.set(new ErrorText(r.errorProblem(), r.errorRemedy() == null ? "" : r.errorRemedy()));
            offerMarkInvalid.set(Integer.valueOf(401).equals(r.httpStatus()));
        } else if (!r.completed()) {
            runError.set(new ErrorText(r.outcome() == RunRecord.Outcome.CANCELLED ? "The run was cancelled"
                    : "The stream ended without [DONE]: the text may be incomplete", ""));
        }
        // last, so whoever waits for the outcome sees the figures and the error already in place
        running.set(false);
        runStatus.set(r.outcome().name());
    }

    /** Stops the stream (its record, marked cancelled, is kept); before the stream started, stops the task. */
    void cancel() {
        InstantTestRun.Running run = currentRun;
        if (run != null) {
            run.cancel();
        } else if (currentTask != null && running.get()) {
            currentTask.cancel();
        }
    }

    void markKeyInvalid() {
        ResourceDetails d = editing.get();
        ConsoleSession session = session();
        if (d == null || session == null) {
            return;
        }
        context.tasks().run("Marking the creator's key invalid", progress -> {
            session.resources().markCreatorKeyInvalid(d.creatorId());
            return d.creatorId();
        }, ignored -> {
            offerMarkInvalid.set(false);
            context.showStatus("Key of creator " + d.creatorId() + " marked is_valid = false");
        }, context::showError);
    }

    private void compare() {
        if (compareLeft.get() == null || compareRight.get() == null) {
            comparison.clear();
            return;
        }
        comparison.setAll(ResourcesApi.compareRuns(compareLeft.get(), compareRight.get()));
    }
}

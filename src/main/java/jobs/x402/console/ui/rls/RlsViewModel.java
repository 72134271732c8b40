package jobs.x402.console.ui.rls;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.rls.LintFinding;
import jobs.x402.console.rls.LintLevel;
import jobs.x402.console.rls.Persona;
import jobs.x402.console.rls.PersonaProbe;
import jobs.x402.console.rls.PolicyDefinition;
import jobs.x402.console.rls.ProbeAttempt;
import jobs.x402.console.rls.ProbeMatrix;
import jobs.x402.console.rls.RlsCatalog;
import jobs.x402.console.rls.TableSecurity;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.session.RlsApi;
import jobs.x402.console.ui.shell.ConsoleContext;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The Row Level Security page's state: the matrix, the selected table's policies, the lints and the probe grid. */
public final class RlsViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** A policy as the policy table shows it, with its plain-English reading. */
    public record PolicyRow(String name, String command, String roles, String kind, String using, String withCheck,
                            String reading) {
    }

    /** One cell of the probe grid: a persona, an operation and what the database answered. */
    public record ProbeRow(String persona, String operation, String result, boolean denied, boolean problem) {
    }

    private final ConsoleContext context;
    final ObservableList<TableSecurity> tables = FXCollections.observableArrayList();
    final FilteredList<TableSecurity> visibleTables = new FilteredList<>(tables, t -> true);
    final StringProperty search = new SimpleStringProperty("");
    final BooleanProperty onlyWithFindings = new SimpleBooleanProperty(false);
    final ObjectProperty<TableSecurity> selected = new SimpleObjectProperty<>();
    final ObservableList<PolicyRow> policies = FXCollections.observableArrayList();
    final ObservableList<LintFinding> findings = FXCollections.observableArrayList();
    final ObjectProperty<LintFinding> selectedFinding = new SimpleObjectProperty<>();
    final StringProperty fixSql = new SimpleStringProperty("");
    final StringProperty persona = new SimpleStringProperty("anon");
    final ObservableList<String> personaChoices = FXCollections.observableArrayList("anon", "service_role",
            "authenticated");
    final ObservableList<ProbeRow> probeRows = FXCollections.observableArrayList();
    /** One row of the access matrix grid: a table and a persona, and its four cells. */
    public record MatrixRow(String table, String persona, jobs.x402.console.rls.AccessCell select,
                            jobs.x402.console.rls.AccessCell insert, jobs.x402.console.rls.AccessCell update,
                            jobs.x402.console.rls.AccessCell delete) {
    }

    final ObservableList<MatrixRow> matrixRows = FXCollections.observableArrayList();
    final StringProperty matrixSummary = new SimpleStringProperty("");
    final BooleanProperty matrixRunning = new SimpleBooleanProperty(false);
    final StringProperty summary = new SimpleStringProperty("");
    final StringProperty selectedTitle = new SimpleStringProperty("Select a table to see its policies");
    final StringProperty probeSummary = new SimpleStringProperty("");
    final StringProperty readAt = new SimpleStringProperty("");
    final BooleanProperty loading = new SimpleBooleanProperty(false);
    final BooleanProperty probing = new SimpleBooleanProperty(false);
    private RlsCatalog catalog;

    private final jobs.x402.console.ui.Dialogs dialogs;
    /** Where 005's objects stand for rls harden, in words ("" before it is read). */
    final StringProperty hardeningState = new SimpleStringProperty("");
    final BooleanProperty hardened = new SimpleBooleanProperty(false);

    public RlsViewModel(ConsoleContext context) {
        this(context, jobs.x402.console.ui.Dialogs.NO);
    }

    public RlsViewModel(ConsoleContext context, jobs.x402.console.ui.Dialogs dialogs) {
        this.context = context;
        this.dialogs = dialogs;
        search.addListener((obs, old, text) -> applyFilter());
        onlyWithFindings.addListener((obs, old, only) -> applyFilter());
        selected.addListener((obs, old, table) -> showPolicies(table));
        selectedFinding.addListener((obs, old, finding) -> fixSql.set(finding == null ? ""
                : "-- " + finding.why() + "\n" + finding.remediationSql()));
    }

    void refresh() {
        ConsoleSession session = context.session();
        if (session == null || loading.get()) {
            return;
        }
        loading.set(true);
        context.tasks().run("Reading row level security", progress -> {
            RlsApi.LintedCatalog linted = session.rls().lint(List.of(), progress);
            List<String> users = session.rls().firstUser().map(id -> List.of("user:" + id)).orElse(List.of());
            return new Read(linted.catalog(), linted.findings(), users);
        }, this::show, failure -> {
            loading.set(false);
            context.showError(failure);
        }, () -> loading.set(false));
    }

    private record Read(RlsCatalog catalog, List<LintFinding> findings, List<String> users) {
    }

    private void show(Read read) {
        loading.set(false);
        catalog = read.catalog();
        String keep = selected.get() == null ? null : selected.get().displayName();
        tables.setAll(catalog.tables());
        findings.setAll(read.findings().stream().filter(f -> !f.suppressed()).toList());
        List<String> choices = new ArrayList<>(List.of("anon", "service_role", "authenticated"));
        choices.addAll(read.users());
        personaChoices.setAll(choices);
        applyFilter();
        if (keep != null) {
            selected.set(catalog.table(keep).orElse(null));
        }
        long errors = findings.stream().filter(f -> f.level() == LintLevel.ERROR).count();
        long warnings = findings.stream().filter(f -> f.level() == LintLevel.WARN).count();
        long withoutRls = tables.stream().filter(t -> !t.rlsEnabled()).count();
        summary.set(tables.size() + " tables · " + withoutRls + " without RLS · " + errors + " errors, " + warnings
                + " warnings, " + (findings.size() - errors - warnings) + " notes"
                + (catalog.warnings().isEmpty() ? "" : " · " + String.join(" · ", catalog.warnings())));
        readAt.set("read at " + TIME.format(catalog.readAt()) + " in " + catalog.readMillis() + " ms");
        context.showStatus("Row level security read from " + catalog.identity().bannerLine());
    }

    private void applyFilter() {
        String text = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        Set<String> flagged = findings.stream().map(LintFinding::object).map(o -> o.split(" ")[0])
                .collect(java.util.stream.Collectors.toSet());
        visibleTables.setPredicate(t -> (text.isEmpty() || t.displayName().toLowerCase(Locale.ROOT).contains(text))
                && (!onlyWithFindings.get() || flagged.contains(t.displayName())));
    }

    private void showPolicies(TableSecurity table) {
        probeRows.clear();
        probeSummary.set("");
        if (table == null) {
            policies.clear();
            selectedTitle.set("Select a table to see its policies");
            return;
        }
        Set<String> bypassing = catalog == null ? Set.of() : catalog.rolesBypassingRls();
        selectedTitle.set(table.displayName() + " · RLS " + (table.rlsEnabled() ? "on" : "OFF")
                + (table.rlsForced() ? " · forced" : "") + " · owner " + table.owner()
                + (table.secretColumns().isEmpty() ? "" : " · secret-looking: " + String.join(", ",
                table.secretColumns().stream().map(c -> c.name()).toList())));
        policies.setAll(table.policies().stream().map(p -> row(p, bypassing)).toList());
    }

    private static PolicyRow row(PolicyDefinition p, Set<String> bypassing) {
        return new PolicyRow(p.name(), p.command().name(), String.join(", ", p.roles()),
                p.permissive() ? "permissive" : "restrictive", p.using() == null ? "" : p.using(),
                p.withCheck() == null ? "" : p.withCheck(), p.reading(bypassing));
    }

    void probe() {
        ConsoleSession session = context.session();
        TableSecurity table = selected.get();
        if (session == null || table == null || probing.get()) {
            return;
        }
        Persona chosen;
        try {
            chosen = Persona.parse(persona.get());
        } catch (IllegalArgumentException e) {
            context.showError(OperatorException.usage(e.getMessage(), "pick a persona from the list"));
            return;
        }
        probing.set(true);
        context.tasks().run("Probing " + table.displayName() + " as " + chosen.label(),
                progress -> session.rls().probe(table.displayName(), List.of(chosen), progress),
                this::showProbe, failure -> {
                    probing.set(false);
                    context.showError(failure);
                }, () -> probing.set(false));
    }

    private void showProbe(ProbeMatrix matrix) {
        probing.set(false);
        List<ProbeRow> rows = new ArrayList<>();
        for (PersonaProbe p : matrix.personas()) {
            if (!p.ran()) {
                rows.add(new ProbeRow(p.persona().label(), "-", "not probed: " + p.problem() + " Fix: " + p.fix(),
                        false, true));
            }
            for (ProbeAttempt a : p.attempts()) {
                rows.add(new ProbeRow(p.persona().label(), a.operation().label(), a.summary(), a.denied(),
                        a.verdict() == jobs.x402.console.rls.ProbeVerdict.FAILED));
            }
        }
        probeRows.setAll(rows);
        probeSummary.set("Probed in " + matrix.millis() + " ms; every statement was rolled back"
                + (matrix.ownerColumn() == null ? "" : " · owner column " + matrix.ownerColumn()));
    }

    /** Runs the access matrix over every API-exposed table, off the FX thread (cancellable between tables). */
    void runMatrix() {
        ConsoleSession session = context.session();
        if (session == null || matrixRunning.get()) {
            return;
        }
        matrixRunning.set(true);
        context.tasks().run("Checking the access matrix",
                progress -> session.rls().matrix(List.of(), List.of(), List.of(), progress),
                this::showMatrix, failure -> {
                    matrixRunning.set(false);
                    context.showError(failure);
                }, () -> matrixRunning.set(false));
    }

    /** Runs the matrix again and writes it as a pgTAP suite to {@code file}. */
    void exportPgTap(java.nio.file.Path file) {
        ConsoleSession session = context.session();
        if (session == null || matrixRunning.get()) {
            return;
        }
        matrixRunning.set(true);
        context.tasks().run("Exporting the access matrix as pgTAP",
                progress -> session.rls().exportPgTap(file, List.of(), List.of(), List.of(), progress),
                export -> {
                    showMatrix(export.matrix());
                    context.showStatus("Wrote " + export.assertions() + " pgTAP assertions to " + export.file()
                            + "; run it with pg_prove or supabase test db");
                }, failure -> {
                    matrixRunning.set(false);
                    context.showError(failure);
                }, () -> matrixRunning.set(false));
    }

    private void showMatrix(jobs.x402.console.rls.AccessMatrix matrix) {
        matrixRunning.set(false);
        List<MatrixRow> rows = new ArrayList<>();
        for (jobs.x402.console.rls.AccessMatrix.TableAccess table : matrix.tables()) {
            for (jobs.x402.console.rls.MatrixPersona persona : matrix.personas()) {
                String label = persona.label();
                rows.add(new MatrixRow(table.table(), label,
                        table.cell(label, jobs.x402.console.rls.MatrixOperation.SELECT),
                        table.cell(label, jobs.x402.console.rls.MatrixOperation.INSERT),
                        table.cell(label, jobs.x402.console.rls.MatrixOperation.UPDATE),
                        table.cell(label, jobs.x402.console.rls.MatrixOperation.DELETE)));
            }
        }
        matrixRows.setAll(rows);
        long notRun = matrix.tables().stream().flatMap(t -> t.cells().stream())
                .filter(c -> c.verdict() == jobs.x402.console.rls.AccessVerdict.NOT_RUN).count();
        matrixSummary.set(matrix.tables().size() + " tables × " + matrix.personas().size() + " personas, checked at "
                + TIME.format(matrix.ranAt()) + " in " + matrix.millis() + " ms, all rolled back"
                + (notRun == 0 ? "" : " · " + notRun + " cells not checked (hover for why)")
                + " · hover a cell for the SQL that proved it");
    }

    /** Reads where 005's objects stand for rls harden (shown beside the Harden button). */
    void readHardening() {
        ConsoleSession session = context.session();
        if (session == null) {
            return;
        }
        context.tasks().run("Reading the hardening state", progress -> session.rls().hardeningStatus(),
                this::showHardening, failure -> hardeningState.set("hardening state unknown: "
                        + failure.getMessage()));
    }

    private void showHardening(jobs.x402.console.migration.RlsHardening.Status status) {
        hardened.set(status.state() == jobs.x402.console.migration.RlsHardening.State.HARDENED);
        hardeningState.set("005 " + status.state().text());
    }

    /**
     * Harden 005's objects, or roll the hardening back: the target banner and the exact SQL in a confirmation
     * (Cancel is the default), then the same session method as rls harden --yes, off the FX thread.
     */
    void toggleHardening() {
        ConsoleSession session = context.session();
        if (session == null || matrixRunning.get()) {
            return;
        }
        context.tasks().run("Reading the hardening preview", progress -> session.rls().hardeningPreview(),
                preview -> confirmAndRunHardening(session, preview), context::showError);
    }

    private void confirmAndRunHardening(ConsoleSession session, jobs.x402.console.migration.RlsHardening.Preview preview) {
        boolean rollback = preview.status().state() == jobs.x402.console.migration.RlsHardening.State.HARDENED;
        String sql = String.join(";\n", rollback ? preview.rollbackStatements() : preview.applyStatements()) + ";";
        String text = rollback
                ? "Restores migration 005's original definitions on " + preview.status().keyTable()
                + " (policy with auth.uid() per row, no fixed search_path, FORCE off), in one transaction."
                : "Wraps auth.uid() in the user policy, fixes the trigger function's search_path and"
                + " forces row level security on " + preview.status().keyTable() + ", in one transaction."
                + " Who may do what does not change; Roll back hardening… undoes it exactly.";
        if (!dialogs.confirm(session.identity(), rollback ? "Roll back the hardening" : "Harden 005", text, sql,
                rollback ? "Roll back" : "Harden")) {
            context.showStatus("Nothing was changed");
            return;
        }
        matrixRunning.set(true);
        jobs.x402.console.core.Confirmation yes = jobs.x402.console.core.Confirmation.given();
        java.time.Duration lockTimeout = jobs.x402.console.session.MigrationApi.DEFAULT_LOCK_TIMEOUT;
        context.tasks().run(rollback ? "Rolling the hardening back" : "Hardening 005", progress -> rollback
                        ? session.rls().rollBackHardening(yes, lockTimeout, progress)
                        : session.rls().harden(yes, lockTimeout, progress),
                result -> {
                    matrixRunning.set(false);
                    showHardening(result.after());
                    // the lints and any matrix shown were computed before the change
                    matrixRows.clear();
                    matrixSummary.set("The policies changed: check again");
                    refresh();
                    context.showStatus((rollback ? "Hardening rolled back" : "Hardened 005") + " in "
                            + result.millis() + " ms");
                }, failure -> {
                    matrixRunning.set(false);
                    context.showError(failure);
                });
    }

    /** Silences the selected finding on this target (saved with the operator's files). */
    void suppressSelected() {
        LintFinding finding = selectedFinding.get();
        ConsoleSession session = context.session();
        if (finding == null || session == null) {
            return;
        }
        context.tasks().run("Suppressing " + finding.key(), progress -> {
            session.rls().suppress(finding.key());
            return finding;
        }, done -> {
            findings.remove(done);
            context.showStatus("Suppressed " + done.key() + " on this target");
        }, context::showError);
    }
}

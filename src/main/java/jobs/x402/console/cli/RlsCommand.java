package jobs.x402.console.cli;

import jobs.x402.console.core.AtomicFiles;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.rls.AccessCell;
import jobs.x402.console.rls.AccessMatrix;
import jobs.x402.console.rls.ExpectationReport;
import jobs.x402.console.rls.MatrixOperation;
import jobs.x402.console.rls.MatrixPersona;
import jobs.x402.console.rls.MatrixStep;
import jobs.x402.console.rls.LintFinding;
import jobs.x402.console.rls.LintLevel;
import jobs.x402.console.rls.Persona;
import jobs.x402.console.rls.PersonaProbe;
import jobs.x402.console.rls.PolicyCommand;
import jobs.x402.console.rls.PolicyDefinition;
import jobs.x402.console.rls.ProbeAttempt;
import jobs.x402.console.rls.ProbeMatrix;
import jobs.x402.console.rls.RlsCatalog;
import jobs.x402.console.rls.TableSecurity;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.session.RlsApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "rls", header = "Row level security: report, lints, probes, matrix.", mixinStandardHelpOptions = true,
        description = "Row level security: the matrix of tables and policies, the lints, and live \"view as\" probes.",
        subcommands = {RlsCommand.Report.class, RlsCommand.Lints.class, RlsCommand.Probe.class,
                RlsCommand.Matrix.class, RlsCommand.ExportPgTap.class, RlsCommand.Harden.class})
final class RlsCommand {

    /** Options shared by report and lints. */
    static class CatalogOptions {
        @Option(names = "--exposed-schemas", split = ",", paramLabel = "SCHEMA",
                description = "Schemas the API serves (default: the target's pgrst.db_schemas, else public).")
        List<String> exposedSchemas = new ArrayList<>();
    }

    static RlsCatalog readCatalog(ConsoleSession session, CatalogOptions options, CliProgress progress,
                                  CliContext context) {
        RlsCatalog catalog = session.rls().catalog(options.exposedSchemas, progress);
        catalog.warnings().forEach(w -> context.err().println("warning: " + w));
        return catalog;
    }

    @Command(name = "report", header = "Every table: RLS, policies, grants, API exposure.",
            mixinStandardHelpOptions = true,
            description = "Every table outside the system schemas: RLS on/forced, policies per command, grants of"
                    + " anon/authenticated/service_role, API exposure, estimated rows. --table shows its policies.")
    static final class Report implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        TargetOptions target;
        @Mixin
        OutputOptions output;
        @Mixin
        CatalogOptions catalogOptions;

        @Option(names = "--schema", paramLabel = "SCHEMA", description = "Only tables of this schema.")
        String schema;

        @Option(names = "--search", paramLabel = "TEXT", description = "Only tables whose name contains TEXT.")
        String search;

        @Option(names = "--table", paramLabel = "SCHEMA.TABLE", description = "Show this table's policies.")
        String table;

        Report(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                RlsCatalog catalog = readCatalog(session, catalogOptions, progress, context);
                List<TableSecurity> tables = catalog.tables().stream()
                        .filter(t -> schema == null || t.schema().equals(schema))
                        .filter(t -> search == null || t.displayName().toLowerCase(Locale.ROOT)
                                .contains(search.toLowerCase(Locale.ROOT)))
                        .filter(t -> table == null || catalog.table(table).map(t::equals).orElse(false))
                        .toList();
                if (table != null && tables.isEmpty()) {
                    throw OperatorException.usage("No table " + table + " outside the system schemas on "
                            + catalog.identity().bannerLine(), "list them with: rls report");
                }
                if (output.json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("target", DbCommand.describe(catalog.identity()));
                    doc.put("exposedSchemas", catalog.exposedSchemas());
                    doc.put("apiRoles", catalog.apiRoles());
                    doc.put("warnings", catalog.warnings());
                    doc.put("readMillis", catalog.readMillis());
                    doc.put("tables", tables.stream().map(t -> describe(t, catalog)).toList());
                    output.printJson(context.out(), doc);
                } else {
                    printMatrix(context.out(), catalog, tables);
                    if (table != null) {
                        printPolicies(context.out(), tables.get(0), catalog);
                    }
                }
                return 0;
            }
        }

        private static Map<String, Object> describe(TableSecurity t, RlsCatalog catalog) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("schema", t.schema());
            doc.put("table", t.name());
            doc.put("owner", t.owner());
            doc.put("rlsEnabled", t.rlsEnabled());
            doc.put("rlsForced", t.rlsForced());
            doc.put("apiExposed", t.apiExposed());
            doc.put("estimatedRows", t.estimatedRows());
            Map<String, Long> counts = new LinkedHashMap<>();
            for (PolicyCommand command : PolicyCommand.values()) {
                counts.put(command.name(), t.policyCount(command));
            }
            doc.put("policyCounts", counts);
            doc.put("permissive", t.permissiveCount());
            doc.put("restrictive", t.restrictiveCount());
            doc.put("grants", t.grants());
            doc.put("secretColumns", t.secretColumns());
            doc.put("policies", t.policies().stream().map(p -> {
                Map<String, Object> policy = new LinkedHashMap<>();
                policy.put("name", p.name());
                policy.put("command", p.command().name());
                policy.put("permissive", p.permissive());
                policy.put("roles", p.roles());
                policy.put("using", p.using());
                policy.put("withCheck", p.withCheck());
                policy.put("reading", p.reading(catalog.rolesBypassingRls()));
                return policy;
            }).toList());
            return doc;
        }

        private static void printMatrix(PrintWriter out, RlsCatalog catalog, List<TableSecurity> tables) {
            out.println(catalog.identity().bannerLine());
            out.println("API-exposed schemas: " + String.join(", ", catalog.exposedSchemas())
                    + (catalog.missingApiRoles().isEmpty() ? "" : " · missing roles: "
                    + String.join(", ", catalog.missingApiRoles())));
            int width = Math.max(24, tables.stream().mapToInt(t -> t.displayName().length()).max().orElse(0) + 2);
            out.printf("%-" + width + "s %-4s %-5s %3s %3s %3s %3s %3s %-5s %-5s %-5s %-7s %-3s %8s%n", "TABLE", "RLS",
                    "FORCE", "SEL", "INS", "UPD", "DEL", "ALL", "P/R", "anon", "auth", "service", "API", "~rows");
            for (TableSecurity t : tables) {
                out.printf("%-" + width + "s %-4s %-5s %3d %3d %3d %3d %3d %-5s %-5s %-5s %-7s %-3s %8s%n",
                        t.displayName(), t.rlsEnabled() ? "on" : "OFF", t.rlsForced() ? "yes" : "-",
                        t.policyCount(PolicyCommand.SELECT), t.policyCount(PolicyCommand.INSERT),
                        t.policyCount(PolicyCommand.UPDATE), t.policyCount(PolicyCommand.DELETE),
                        t.policyCount(PolicyCommand.ALL), t.permissiveCount() + "/" + t.restrictiveCount(),
                        letters(t, "anon"), letters(t, "authenticated"), letters(t, "service_role"),
                        t.apiExposed() ? "yes" : "-", t.estimatedRows() < 0 ? "?" : String.valueOf(t.estimatedRows()));
            }
            out.println("grants: S select, I insert, U update, D delete · P/R permissive/restrictive policies · "
                    + tables.size() + " tables, read in " + catalog.readMillis() + " ms");
        }

        private static String letters(TableSecurity t, String role) {
            if (!t.grants().containsKey(role)) {
                return "n/a";
            }
            StringBuilder s = new StringBuilder();
            for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
                s.append(t.granted(role, privilege) ? privilege.charAt(0) : '-');
            }
            return s.toString();
        }

        private static void printPolicies(PrintWriter out, TableSecurity t, RlsCatalog catalog) {
            out.println();
            out.println("Policies on " + t.displayName() + " (owner " + t.owner() + ")"
                    + (t.secretColumns().isEmpty() ? "" : " · secret-looking columns: " + String.join(", ",
                    t.secretColumns().stream().map(c -> c.name()).toList())));
            if (t.policies().isEmpty()) {
                out.println("  none" + (t.rlsEnabled() ? ": RLS denies every role that does not bypass it"
                        : ": RLS is off, the grants alone decide"));
            }
            for (PolicyDefinition p : t.policies()) {
                out.println("  \"" + p.name() + "\"  " + p.command() + " · " + (p.permissive() ? "permissive"
                        : "restrictive") + " · to " + String.join(", ", p.roles()));
                out.println("      USING:      " + (p.using() == null ? "-" : p.using()));
                out.println("      WITH CHECK: " + (p.withCheck() == null ? "-" : p.withCheck()));
                out.println("      " + p.reading(catalog.rolesBypassingRls()));
            }
        }
    }

    @Command(name = "lints", header = "Supabase's lints (splinter) plus the console's.",
            mixinStandardHelpOptions = true,
            description = {"Every lint of Supabase's linter (splinter: the dashboard's Advisors), with splinter's"
                    + " names, levels and cache_key, plus the console's rls_not_forced_on_secret_table,"
                    + " policy_for_bypassrls_role and secret_columns_granted_to_api_roles.",
                    "Suppressions are kept per target under splinter's cache_key, so a list exported from one"
                            + " tool works in the other.",
                    "Exits 1 when an unsuppressed finding reaches --fail-on (default WARN)."})
    static final class Lints implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        TargetOptions target;
        @Mixin
        OutputOptions output;
        @Mixin
        CatalogOptions catalogOptions;

        @Option(names = "--fail-on", paramLabel = "LEVEL", description = "ERROR, WARN (default) or INFO.")
        LintLevel failOn = LintLevel.WARN;

        @Option(names = "--lint", paramLabel = "ID", description = "Only this lint (e.g. auth_rls_initplan).")
        String lintId;

        @Option(names = "--suppress", paramLabel = "KEY",
                description = "Silence a finding's key on this target (saved; repeatable).")
        List<String> suppress = new ArrayList<>();

        @Option(names = "--unsuppress", paramLabel = "KEY", description = "Bring a suppressed key back (repeatable).")
        List<String> unsuppress = new ArrayList<>();

        @Option(names = "--suppress-from", paramLabel = "FILE",
                description = "Suppress every cache_key listed in FILE: one per line, or JSON (an array of keys, or"
                        + " lint rows with a cache_key field, as splinter and Supabase's advisors return them).")
        Path suppressFrom;

        @Option(names = "--export-suppressions", paramLabel = "FILE",
                description = "Write this target's suppressed cache_keys to FILE, one per line.")
        Path exportSuppressions;

        @Option(names = "--show-suppressed", description = "List suppressed findings too.")
        boolean showSuppressed;

        Lints(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                if (suppressFrom != null) {
                    List<String> keys;
                    try {
                        keys = session.rls().readKeyList(suppressFrom);
                    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                        throw OperatorException.usage("Cannot read the suppression list " + suppressFrom + ": "
                                + e.getMessage(), "give a file with one cache_key per line, or splinter's JSON");
                    }
                    keys.forEach(key -> session.rls().suppress(key));
                    context.err().println("suppressed " + keys.size() + " key(s) from " + suppressFrom);
                }
                suppress.forEach(key -> session.rls().suppress(key));
                for (String key : unsuppress) {
                    if (!session.rls().unsuppress(key)) {
                        context.err().println("note: " + key + " was not suppressed on this target");
                    }
                }
                RlsApi.LintedCatalog linted = session.rls().lint(catalogOptions.exposedSchemas, progress);
                RlsCatalog catalog = linted.catalog();
                catalog.warnings().forEach(w -> context.err().println("warning: " + w));
                if (exportSuppressions != null) {
                    java.util.Set<String> keys = session.rls().suppressedKeys();
                    AtomicFiles.write(exportSuppressions, ("# lint suppressions of " + session.identity().bannerLine()
                            + " (splinter cache_key, one per line)\n" + String.join("\n", keys)
                            + (keys.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
                    context.err().println("wrote " + keys.size() + " suppressed key(s) to "
                            + exportSuppressions.toAbsolutePath());
                }
                List<LintFinding> findings = linted.findings()
                        .stream().filter(f -> lintId == null || f.rule().id().equals(lintId)).toList();
                List<LintFinding> shown = findings.stream().filter(f -> showSuppressed || !f.suppressed()).toList();
                long failing = findings.stream().filter(f -> !f.suppressed() && f.level().atLeast(failOn)).count();
                if (output.json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("target", DbCommand.describe(catalog.identity()));
                    doc.put("warnings", catalog.warnings());
                    doc.put("failOn", failOn.name());
                    doc.put("failing", failing);
                    doc.put("suppressed", findings.stream().filter(LintFinding::suppressed).count());
                    doc.put("findings", shown.stream().map(Lints::describe).toList());
                    output.printJson(context.out(), doc);
                } else {
                    PrintWriter out = context.out();
                    out.println(catalog.identity().bannerLine());
                    for (LintFinding f : shown) {
                        out.printf("%-5s %s  %s%s%n", f.level(), f.rule().id(), f.object(),
                                f.suppressed() ? "  (suppressed)" : "");
                        out.println("      " + f.detail());
                        out.println("      why: " + f.why());
                        f.remediationSql().lines().forEach(line -> out.println("      fix: " + line));
                        out.println("      cache_key: " + f.key());
                    }
                    out.printf("%d finding(s), %d at %s or worse, %d suppressed%n", shown.size(), failing, failOn,
                            findings.stream().filter(LintFinding::suppressed).count());
                }
                return failing > 0 ? ExitCode.CHECK_FAILED.code() : 0;
            }
        }

        private static Map<String, Object> describe(LintFinding f) {
            Map<String, Object> doc = new LinkedHashMap<>();
            // splinter's field names first (name, title, level, facing, categories, detail, cache_key), then ours;
            // "id" and "key" are the names of console 0.x, kept for scripts written against it
            doc.put("name", f.rule().id());
            doc.put("title", f.rule().title());
            doc.put("level", f.level().name());
            doc.put("facing", f.rule().facing());
            doc.put("categories", f.rule().categories());
            doc.put("detail", f.detail());
            doc.put("cache_key", f.key());
            doc.put("source", f.rule().fromSplinter() ? "splinter" : "console");
            doc.put("documentation", f.rule().documentation());
            doc.put("object", f.object());
            doc.put("why", f.why());
            doc.put("remediationSql", f.remediationSql());
            doc.put("suppressed", f.suppressed());
            doc.put("id", f.rule().id());
            doc.put("key", f.key());
            return doc;
        }
    }

    @Command(name = "probe", header = "\"View as\" a role, in a transaction rolled back.",
            mixinStandardHelpOptions = true,
            description = {"\"View as\": SELECT/INSERT/UPDATE/DELETE as anon, a user, service_role or any role,"
                    + " inside a transaction that is always rolled back.",
                    "Without --table: the expectation suite on migration 005's key table (user_openrouter_integrations,"
                            + " or x402_user_openrouter_integrations on the shipped schema).",
                    "Exits 1 when an expectation fails or a persona cannot be probed."})
    static final class Probe implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        TargetOptions target;
        @Mixin
        OutputOptions output;

        @Option(names = "--table", paramLabel = "SCHEMA.TABLE", description = "The table to probe.")
        String table;

        @Option(names = "--as", paramLabel = "PERSONA",
                description = "anon, authenticated, service_role, user:UUID or role:NAME (repeatable; default anon,"
                        + " the first user and service_role).")
        List<String> personas = new ArrayList<>();

        @Option(names = "--expect", description = "Run the expectation suite on --table (it needs an owner column).")
        boolean expect;

        @Option(names = "--user-id", paramLabel = "UUID",
                description = "The user the expectation suite acts as (default: the oldest auth.users row).")
        UUID userId;

        @Option(names = "--export", paramLabel = "FILE",
                description = "Also write the result to FILE: Markdown when it ends in .md, JSON otherwise.")
        Path export;

        Probe(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<Persona> parsed = new ArrayList<>();
            for (String spec : personas) {
                try {
                    parsed.add(Persona.parse(spec));
                } catch (IllegalArgumentException e) {
                    throw OperatorException.usage(e.getMessage(), "e.g. --as anon --as user:UUID --as service_role");
                }
            }
            if (expect && !parsed.isEmpty()) {
                throw OperatorException.usage("--expect chooses its own personas (anon, a user, service_role)",
                        "drop --as, or drop --expect for a plain matrix");
            }
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                RlsApi rls = session.rls();
                boolean suite = expect || table == null;
                String probed = table;
                if (table == null) {
                    if (!parsed.isEmpty() || !rls.tableExists(rls.keyTable())) {
                        throw OperatorException.usage(parsed.isEmpty()
                                        ? rls.keyTable() + " does not exist on "
                                        + session.identity().bannerLine() + " (migration 005 not applied)"
                                        : "--as needs a --table to probe",
                                "give a table, e.g. rls probe --table public.x402_user_claude_configs --expect");
                    }
                    probed = rls.keyTable();
                }
                if (suite) {
                    ExpectationReport report = rls.expectations(probed, userId, progress);
                    printSuite(report);
                    return report.passed() && !report.matrix().hasProblems() ? 0 : ExitCode.CHECK_FAILED.code();
                }
                ProbeMatrix matrix = rls.probe(probed, parsed, progress);
                printMatrix(matrix);
                return matrix.hasProblems() ? ExitCode.CHECK_FAILED.code() : 0;
            }
        }

        private void printSuite(ExpectationReport report) {
            if (export != null) {
                write(export, export.toString().endsWith(".md") ? report.toMarkdown() : json(report));
            }
            if (output.json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("table", report.table());
                doc.put("passed", report.passed());
                doc.put("failures", report.failures());
                doc.put("ownerColumn", report.ownerColumn());
                doc.put("userId", report.userId());
                doc.put("otherUserId", report.otherUserId());
                doc.put("expectations", report.expectations());
                doc.put("matrix", matrixDoc(report.matrix()));
                output.printJson(context.out(), doc);
                return;
            }
            PrintWriter out = context.out();
            out.println(report.matrix().targetBanner());
            out.println("Expectations on " + report.table() + " (owner column " + report.ownerColumn() + ", user "
                    + report.userId() + "); every statement rolled back");
            report.expectations().forEach(e -> out.printf("  [%s] %-26s %-40s %s%n", e.passed() ? "pass" : "FAIL",
                    e.persona(), e.promise(), e.evidence()));
            out.println(report.passed() ? "PASS: " + report.expectations().size() + " expectations hold"
                    : "FAIL: " + report.failures() + " of " + report.expectations().size() + " expectations broken");
        }

        private void printMatrix(ProbeMatrix matrix) {
            if (export != null) {
                write(export, export.toString().endsWith(".md") ? markdown(matrix) : json(matrixDoc(matrix)));
            }
            if (output.json) {
                output.printJson(context.out(), matrixDoc(matrix));
                return;
            }
            PrintWriter out = context.out();
            out.println(matrix.targetBanner());
            out.println("Probe of " + matrix.table() + (matrix.ownerColumn() == null ? " (no owner column)"
                    : " (owner column " + matrix.ownerColumn() + ")") + "; every statement rolled back");
            for (PersonaProbe p : matrix.personas()) {
                out.println("as " + p.persona().label() + ":");
                if (!p.ran()) {
                    out.println("  NOT PROBED: " + p.problem());
                    out.println("  fix: " + p.fix());
                    continue;
                }
                p.notes().forEach(n -> out.println("  note: " + n));
                for (ProbeAttempt a : p.attempts()) {
                    out.printf("  %-30s %s%n", a.operation().label(), a.summary());
                }
            }
        }

        private static Map<String, Object> matrixDoc(ProbeMatrix matrix) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("table", matrix.table());
            doc.put("ownerColumn", matrix.ownerColumn());
            doc.put("otherUserId", matrix.otherUserId());
            doc.put("target", matrix.targetBanner());
            doc.put("ranAt", matrix.ranAt());
            doc.put("millis", matrix.millis());
            doc.put("problems", matrix.hasProblems());
            doc.put("personas", matrix.personas().stream().map(p -> {
                Map<String, Object> persona = new LinkedHashMap<>();
                persona.put("persona", p.persona().spec());
                persona.put("role", p.persona().role());
                persona.put("probed", p.ran());
                persona.put("problem", p.problem());
                persona.put("fix", p.fix());
                persona.put("rowsAsOperator", p.rowsAsOperator());
                persona.put("notes", p.notes());
                persona.put("attempts", p.attempts());
                return persona;
            }).toList());
            return doc;
        }

        private static String markdown(ProbeMatrix matrix) {
            StringBuilder md = new StringBuilder("# RLS probe: " + matrix.table() + "\n\n- target: "
                    + matrix.targetBanner() + "\n- run at: " + matrix.ranAt() + "\n\n| persona | operation | result |\n"
                    + "|---|---|---|\n");
            for (PersonaProbe p : matrix.personas()) {
                if (!p.ran()) {
                    md.append("| ").append(p.persona().label()).append(" | - | not probed: ").append(p.problem())
                            .append(" |\n");
                }
                for (ProbeAttempt a : p.attempts()) {
                    md.append("| ").append(p.persona().label()).append(" | ").append(a.operation().label())
                            .append(" | ").append(a.summary().replace("|", "\\|")).append(" |\n");
                }
            }
            return md.append("\nEvery statement ran inside a transaction that was rolled back.\n").toString();
        }

        private static String json(Object document) {
            try {
                return jobs.x402.console.core.Json.mapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(document);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
        }

        private void write(Path file, String content) {
            AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
            context.err().println("wrote " + file.toAbsolutePath());
        }
    }

    /** Options shared by matrix and export-pgtap. */
    static class MatrixOptions {
        @Option(names = "--table", paramLabel = "SCHEMA.TABLE",
                description = "Only this table (repeatable; default: every table of the API-exposed schemas).")
        List<String> tables = new ArrayList<>();

        @Option(names = "--as-role", paramLabel = "ROLE",
                description = "Add this role as a persona (repeatable); roles the policies name are added anyway.")
        List<String> roles = new ArrayList<>();
    }

    @Command(name = "matrix", header = "Who may select, insert, update, delete, per table.",
            mixinStandardHelpOptions = true,
            description = {"The access matrix: what anon, a signed-in owner, another signed-in user, service_role and"
                    + " every role a policy names may select, insert, update and delete, on each API-exposed table.",
                    "Derived from the live policies: for each table the console makes two users, their rows and"
                            + " the parent rows they need, tries each statement as each persona, and rolls back.",
                    "--explain prints the SQL that proved each cell. Exits 1 when a cell could not be checked."})
    static final class Matrix implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        TargetOptions target;
        @Mixin
        OutputOptions output;
        @Mixin
        CatalogOptions catalogOptions;
        @Mixin
        MatrixOptions matrixOptions;

        @Option(names = "--explain", description = "Print each cell's statements and answers.")
        boolean explain;

        Matrix(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                AccessMatrix matrix = session.rls().matrix(matrixOptions.tables, matrixOptions.roles,
                        catalogOptions.exposedSchemas, progress);
                if (output.json) {
                    output.printJson(context.out(), matrixJson(matrix));
                } else {
                    printAccessMatrix(context.out(), matrix, explain);
                }
                return matrix.problems() > 0 ? ExitCode.CHECK_FAILED.code() : 0;
            }
        }
    }

    @Command(name = "export-pgtap", header = "Write the access matrix as a pgTAP suite.",
            mixinStandardHelpOptions = true,
            description = {"Write the access matrix as a pgTAP suite (BEGIN; plan(n); …; finish(); ROLLBACK;) that"
                    + " creates its own rows, asserts every cell, and fails when a policy later answers otherwise.",
                    "Runs under pg_prove and as a file of supabase/tests/ (supabase test db)."})
    static final class ExportPgTap implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        TargetOptions target;
        @Mixin
        OutputOptions output;
        @Mixin
        CatalogOptions catalogOptions;
        @Mixin
        MatrixOptions matrixOptions;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The suite to write.")
        Path out;

        ExportPgTap(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                RlsApi.PgTapExport export = session.rls().exportPgTap(out, matrixOptions.tables, matrixOptions.roles,
                        catalogOptions.exposedSchemas, progress);
                if (output.json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("file", export.file().toString());
                    doc.put("assertions", export.assertions());
                    doc.put("tables", export.matrix().tables().size());
                    doc.put("notChecked", export.notChecked());
                    output.printJson(context.out(), doc);
                } else {
                    context.out().println("Wrote " + export.assertions() + " assertions on "
                            + export.matrix().tables().size() + " table(s) to " + export.file());
                    export.notChecked().forEach(n -> context.out().println("  not checked: " + n));
                    context.out().println("Run it with: pg_prove -d DATABASE " + export.file()
                            + "   (or copy it into supabase/tests/ and run supabase test db)");
                }
                return 0;
            }
        }
    }

    static Map<String, Object> matrixJson(AccessMatrix matrix) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("target", matrix.targetBanner());
        doc.put("ranAt", matrix.ranAt().toString());
        doc.put("millis", matrix.millis());
        doc.put("personas", matrix.personas().stream().map(MatrixPersona::label).toList());
        doc.put("ownerUser", matrix.owner());
        doc.put("otherUser", matrix.other());
        doc.put("problems", matrix.problems());
        doc.put("tables", matrix.tables().stream().map(t -> {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("table", t.table());
            table.put("ownerColumn", t.ownerColumn());
            table.put("notes", t.notes());
            table.put("fixture", t.fixture());
            table.put("cells", t.cells().stream().map(c -> {
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("persona", c.persona());
                cell.put("operation", c.operation().label());
                cell.put("verdict", c.verdict().text());
                cell.put("ownRows", c.ownRows());
                cell.put("otherRows", c.otherRows());
                cell.put("reason", c.reason());
                cell.put("steps", c.steps().stream().map(s -> {
                    Map<String, Object> step = new LinkedHashMap<>();
                    step.put("role", s.role());
                    step.put("claims", s.claims());
                    step.put("setup", s.setup());
                    step.put("sql", s.statement());
                    step.put("answer", s.answer());
                    return step;
                }).toList());
                return cell;
            }).toList());
            return table;
        }).toList());
        return doc;
    }

    static void printAccessMatrix(PrintWriter out, AccessMatrix matrix, boolean explain) {
        out.println(matrix.targetBanner());
        out.println("Access matrix of " + matrix.tables().size() + " table(s), every statement rolled back ("
                + matrix.millis() + " ms). owner = user " + matrix.owner() + ", other user = " + matrix.other());
        // a persona that could not be assumed at all is said once, not once per cell
        Map<String, String> personaReasons = new LinkedHashMap<>();
        for (MatrixPersona persona : matrix.personas()) {
            java.util.Set<String> reasons = new java.util.HashSet<>();
            boolean allNotRun = matrix.tables().stream().flatMap(t -> t.cells().stream())
                    .filter(c -> c.persona().equals(persona.label())).allMatch(c -> {
                        reasons.add(c.reason());
                        return c.verdict() == jobs.x402.console.rls.AccessVerdict.NOT_RUN;
                    });
            if (allNotRun && reasons.size() == 1 && !matrix.tables().isEmpty()) {
                personaReasons.put(persona.label(), reasons.iterator().next());
            }
        }
        personaReasons.forEach((persona, reason) -> out.println("not checked as " + persona + ": " + reason));
        int personaWidth = Math.max(14, matrix.personas().stream().mapToInt(p -> p.label().length()).max().orElse(0)
                + 2);
        for (AccessMatrix.TableAccess table : matrix.tables()) {
            out.println();
            out.println(table.table() + (table.ownerColumn() == null ? " (no owner column: one seeded row)"
                    : " (owner column " + table.ownerColumn() + ")"));
            table.notes().forEach(n -> out.println("  note: " + n));
            out.printf("  %-" + personaWidth + "s %-15s %-15s %-15s %-15s%n", "persona", "select", "insert", "update",
                    "delete");
            for (MatrixPersona persona : matrix.personas()) {
                List<String> verdicts = new ArrayList<>();
                for (MatrixOperation op : MatrixOperation.values()) {
                    AccessCell cell = table.cell(persona.label(), op);
                    verdicts.add(cell == null ? "-" : cell.verdict().text());
                }
                out.printf("  %-" + personaWidth + "s %-15s %-15s %-15s %-15s%n", persona.label(), verdicts.get(0),
                        verdicts.get(1), verdicts.get(2), verdicts.get(3));
            }
            for (AccessCell cell : table.cells()) {
                if (personaReasons.containsKey(cell.persona())) {
                    continue;
                }
                if (explain || cell.verdict() == jobs.x402.console.rls.AccessVerdict.NOT_RUN
                        || cell.verdict() == jobs.x402.console.rls.AccessVerdict.FAILED) {
                    out.println("  " + cell.persona() + " · " + cell.operation().label() + ": " + cell.summary());
                    if (explain) {
                        for (MatrixStep step : cell.steps()) {
                            step.script().lines().forEach(l -> out.println("      " + l));
                            out.println("      -- answered: " + step.answer());
                        }
                    }
                }
            }
        }
        if (matrix.problems() > 0) {
            out.println();
            out.println(matrix.problems() + " cell(s) could not be checked; the lines above say why.");
        }
    }

    @Command(name = "harden", header = "Harden 005's policy, function and key table.", mixinStandardHelpOptions = true,
            description = {"The hardening changeset of migration 005's own objects: the user policy with"
                    + " (select auth.uid()), a fixed search_path on its trigger function, FORCE ROW LEVEL SECURITY on"
                    + " the key table. Who may do what does not change (rls matrix shows the same answers).",
                    "Without --yes it shows the target, the state and the SQL, and exits 4 (as migration apply)."
                            + " --rollback restores 005's definitions exactly."})
    static final class Harden implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        TargetOptions target;
        @Mixin
        OutputOptions output;

        @Option(names = "--preview", description = "Show the state and the SQL; change nothing (the default).")
        boolean preview;

        @Option(names = "--dry-run", description = "Run the hardening in a transaction that is rolled back.")
        boolean dryRun;

        @Option(names = "--rollback", description = "Restore 005's original definitions (with --yes).")
        boolean rollback;

        @Option(names = "--yes", description = "Confirm: you saw the target and the SQL.")
        boolean yes;

        @Option(names = "--lock-timeout", paramLabel = "SECONDS",
                description = "How long to wait for table locks (default 10).")
        int lockTimeoutSeconds = 10;

        Harden(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (dryRun && (yes || rollback)) {
                throw OperatorException.usage("--dry-run changes nothing, so it takes neither --yes nor --rollback",
                        "run --dry-run alone, then --yes");
            }
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            java.time.Duration lockTimeout = java.time.Duration.ofSeconds(Math.max(1, lockTimeoutSeconds));
            try (ConsoleSession session = target.open(context, progress)) {
                RlsApi rls = session.rls();
                if (dryRun) {
                    return printResult("Dry run of the hardening (rolled back)", rls.hardeningDryRun(lockTimeout,
                            progress));
                }
                if (yes) {
                    jobs.x402.console.core.Confirmation confirmation = jobs.x402.console.core.Confirmation.given();
                    return rollback ? printResult("Hardening rolled back", rls.rollBackHardening(confirmation,
                            lockTimeout, progress))
                            : printResult("Hardened", rls.harden(confirmation, lockTimeout, progress));
                }
                jobs.x402.console.migration.RlsHardening.Preview p = rls.hardeningPreview();
                if (output.json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("status", p.status());
                    doc.put("apply", p.applyStatements());
                    doc.put("rollback", p.rollbackStatements());
                    output.printJson(context.out(), doc);
                } else {
                    PrintWriter out = context.out();
                    printStatus(out, p.status());
                    out.println(rollback ? "Rollback would run:" : "Harden would run, in one transaction:");
                    (rollback ? p.rollbackStatements() : p.applyStatements()).forEach(sql -> out.println("  " + sql
                            + ";"));
                }
                if (preview && !rollback) {
                    return 0;
                }
                context.err().println("Nothing was changed. Confirm with --yes" + (rollback ? " --rollback" : "")
                        + " once you have read the target and the SQL above.");
                return ExitCode.REFUSED.code();
            }
        }

        private static void printStatus(PrintWriter out, jobs.x402.console.migration.RlsHardening.Status s) {
            out.println(s.targetBanner());
            out.println("005's objects on " + s.keyTable() + " (" + s.variant().label() + " schema): "
                    + s.state().text() + " · user policy " + (s.wrappedPolicy() ? "(select auth.uid())"
                    : "auth.uid() per row") + " · trigger function search_path " + (s.pinnedFunction() ? "fixed"
                    : "not fixed") + " · FORCE " + (s.forced() ? "on" : "off") + (s.recorded()
                    ? " · recorded in x402_console.databasechangelog" : ""));
        }

        private int printResult(String what, jobs.x402.console.migration.RlsHardening.Result result) {
            if (output.json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("changed", result.changed());
                doc.put("millis", result.millis());
                doc.put("statements", result.statements());
                doc.put("before", result.before());
                doc.put("after", result.after());
                output.printJson(context.out(), doc);
            } else {
                PrintWriter out = context.out();
                result.statements().forEach(r -> out.printf("  %4d %s %5d ms  %s%n", r.number(),
                        r.migrationStatement() ? "sql" : "lbk", r.millis(), firstLine(r.sql())));
                out.println(result.changed() ? what + ": " + result.statements().size() + " statements in "
                        + result.millis() + " ms." : "Already hardened: nothing to do.");
                printStatus(out, result.after());
            }
            return 0;
        }

        private static String firstLine(String sql) {
            String line = sql.lines().findFirst().orElse("");
            return line.length() > 100 ? line.substring(0, 97) + "..." : line;
        }
    }
}

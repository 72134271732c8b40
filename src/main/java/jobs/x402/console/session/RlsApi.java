package jobs.x402.console.session;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.rls.ExpectationReport;
import jobs.x402.console.rls.ExpectationSuite;
import jobs.x402.console.rls.LintFinding;
import jobs.x402.console.rls.LintSuppressions;
import jobs.x402.console.rls.Persona;
import jobs.x402.console.rls.PolicyProbe;
import jobs.x402.console.rls.ProbeMatrix;
import jobs.x402.console.rls.RlsCatalog;
import jobs.x402.console.rls.RlsCatalogReader;
import jobs.x402.console.rls.RlsLinter;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Row level security on the session's target: the catalog, the lints (with this target's suppressions), probes. */
public final class RlsApi {
    private final ConsoleSession session;

    RlsApi(ConsoleSession session) {
        this.session = session;
    }

    /** The catalog and its lints, suppressed ones marked, as both faces show them. */
    public record LintedCatalog(RlsCatalog catalog, List<LintFinding> findings) {
    }

    /** @param exposedSchemas the schemas the API serves; empty: the target's pgrst.db_schemas, else public */
    public RlsCatalog catalog(List<String> exposedSchemas, ProgressListener progress) {
        return new RlsCatalogReader(session.database(), exposedSchemas == null ? List.of() : exposedSchemas)
                .read(progress);
    }

    public LintedCatalog lint(List<String> exposedSchemas, ProgressListener progress) {
        RlsCatalog catalog = catalog(exposedSchemas, progress);
        return new LintedCatalog(catalog, suppressions().apply(session.identity(), new RlsLinter().lint(catalog)));
    }

    /** Silences a finding's key on this target from now on (saved with the operator's files). */
    public void suppress(String findingKey) {
        suppressions().suppress(session.identity(), findingKey);
    }

    /** @return false when the key was not suppressed on this target */
    public boolean unsuppress(String findingKey) {
        return suppressions().unsuppress(session.identity(), findingKey);
    }

    /** The cache_keys suppressed on this target, sorted. */
    public java.util.Set<String> suppressedKeys() {
        return new java.util.TreeSet<>(suppressions().keys(session.identity()));
    }

    /** Reads a suppression list exported by this console, splinter or Supabase's advisors (see LintSuppressions). */
    public List<String> readKeyList(java.nio.file.Path file) {
        return LintSuppressions.readKeyList(file);
    }

    private LintSuppressions suppressions() {
        return LintSuppressions.in(session.environment().home());
    }

    /** anon, a signed-in user (the first auth.users row, when there is one) and service_role. */
    public List<Persona> defaultPersonas() {
        return probe().defaultPersonas();
    }

    public Optional<UUID> firstUser() {
        return probe().firstUser();
    }

    public boolean tableExists(String table) {
        return probe().tableExists(table);
    }

    /** The OpenRouter key table on this target, the one the expectation suite is written for. */
    public String keyTable() {
        return ExpectationSuite.keyTable(session.schemaVariant());
    }

    /** What each persona may select, insert, update and delete; every statement is rolled back. */
    public ProbeMatrix probe(String table, List<Persona> personas, ProgressListener progress) {
        PolicyProbe probe = probe();
        return probe.probe(table, personas == null || personas.isEmpty() ? probe.defaultPersonas() : personas,
                progress);
    }

    /** The promises a per-user key table must keep, checked as anon, the user, another user and service_role. */
    public ExpectationReport expectations(String table, UUID userId, ProgressListener progress) {
        return new ExpectationSuite(probe()).run(table, userId, progress);
    }

    /**
     * The access matrix: each API-exposed table (or the named ones) × anon, two signed-in users, service_role and
     * every role a policy names (plus {@code extraRoles}) × select/insert/update/delete; one transaction per table,
     * always rolled back. Unknown tables and roles are refused before anything runs.
     */
    public jobs.x402.console.rls.AccessMatrix matrix(List<String> tables, List<String> extraRoles,
                                                      List<String> exposedSchemas, ProgressListener progress) {
        return new jobs.x402.console.rls.AccessMatrixRunner(session.database()).run(tables, extraRoles,
                exposedSchemas == null ? List.of() : exposedSchemas, progress);
    }

    /** What export-pgtap wrote. */
    public record PgTapExport(java.nio.file.Path file, int assertions, List<String> notChecked,
                              jobs.x402.console.rls.AccessMatrix matrix) {
    }

    /**
     * Runs the matrix and writes it as a pgTAP suite to {@code file} (0600, written whole or not at all). The path is
     * checked first, so an unwritable one fails before the matrix runs.
     */
    public PgTapExport exportPgTap(java.nio.file.Path file, List<String> tables, List<String> extraRoles,
                                   List<String> exposedSchemas, ProgressListener progress) {
        java.nio.file.Path target = file.toAbsolutePath();
        java.nio.file.Path dir = target.getParent();
        if (dir == null || !java.nio.file.Files.isDirectory(dir) || !java.nio.file.Files.isWritable(dir)
                || java.nio.file.Files.isDirectory(target)
                || (java.nio.file.Files.exists(target) && !java.nio.file.Files.isWritable(target))) {
            throw jobs.x402.console.core.OperatorException.failure("Cannot write the pgTAP suite to " + target
                    + (dir != null && !java.nio.file.Files.isDirectory(dir) ? ": the folder " + dir
                    + " does not exist" : java.nio.file.Files.isDirectory(target) ? ": it is a folder"
                    : ": not writable"), "choose a file in a folder you can write to", null);
        }
        jobs.x402.console.rls.AccessMatrix matrix = matrix(tables, extraRoles, exposedSchemas, progress);
        jobs.x402.console.rls.PgTapSuite.Suite suite = jobs.x402.console.rls.PgTapSuite.of(matrix,
                "x402 Operator Console " + jobs.x402.console.core.ConsoleVersion.current());
        try {
            jobs.x402.console.core.AtomicFiles.write(target, suite.sql().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.UncheckedIOException e) {
            throw jobs.x402.console.core.OperatorException.failure("Cannot write the pgTAP suite to " + target + ": "
                    + e.getCause().getMessage(), "choose a file in a folder you can write to", e);
        }
        session.audit().append(session.identity().role(), session.identity().bannerLine(), "rls.export-pgtap",
                target.toString(), "written", java.util.Map.of("assertions", suite.assertions(),
                        "tables", matrix.tables().size()));
        return new PgTapExport(target, suite.assertions(), suite.notChecked(), matrix);
    }

    /** rls harden: the second changeset on 005's own objects, with status, preview, dry run and rollback. */
    public jobs.x402.console.migration.RlsHardening.Status hardeningStatus() {
        return hardening().status();
    }

    public jobs.x402.console.migration.RlsHardening.Preview hardeningPreview() {
        return hardening().preview();
    }

    public jobs.x402.console.migration.RlsHardening.Result hardeningDryRun(java.time.Duration lockTimeout,
                                                                           ProgressListener progress) {
        return hardening().dryRun(lockTimeout, progress);
    }

    /** @param confirmation the operator saw the target banner and the preview and said yes */
    public jobs.x402.console.migration.RlsHardening.Result harden(jobs.x402.console.core.Confirmation confirmation,
                                                                  java.time.Duration lockTimeout,
                                                                  ProgressListener progress) {
        return hardening().apply(confirmation, lockTimeout, progress);
    }

    public jobs.x402.console.migration.RlsHardening.Result rollBackHardening(
            jobs.x402.console.core.Confirmation confirmation, java.time.Duration lockTimeout,
            ProgressListener progress) {
        return hardening().rollback(confirmation, lockTimeout, progress);
    }

    private jobs.x402.console.migration.RlsHardening hardening() {
        return new jobs.x402.console.migration.RlsHardening(session.database(), session.audit());
    }

    private PolicyProbe probe() {
        return new PolicyProbe(session.database());
    }
}

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

    private PolicyProbe probe() {
        return new PolicyProbe(session.database());
    }
}

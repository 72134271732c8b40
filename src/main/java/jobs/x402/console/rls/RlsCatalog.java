package jobs.x402.console.rls;

import jobs.x402.console.target.TargetIdentity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the matrix and the lints need, read from the catalog in a handful of queries.
 *
 * @param supabaseLints     what splinter's lints found (the console's SQL for them, run in the same transaction)
 * @param lintsNotRun       splinter lints that could not run on this target (the reason is among the warnings)
 * @param rolesBypassingRls every role with BYPASSRLS or superuser: policies aimed only at them never run
 * @param warnings          parts of the catalog that could not be read, in plain words; the rest is still shown
 * @param unreadable        the sections behind those warnings: lints that need them are not run (rather than
 *                          reporting, say, "no policy" for a table whose policies could not be read)
 */
public record RlsCatalog(TargetIdentity identity, Instant readAt, List<String> exposedSchemas,
                         List<TableSecurity> tables, List<SupabaseLintRow> supabaseLints,
                         List<LintRule> lintsNotRun, List<ApiRole> apiRoles, Set<String> rolesBypassingRls,
                         List<String> warnings, Set<CatalogSection> unreadable, long readMillis) {

    public RlsCatalog {
        exposedSchemas = List.copyOf(exposedSchemas);
        tables = List.copyOf(tables);
        supabaseLints = List.copyOf(supabaseLints);
        lintsNotRun = List.copyOf(lintsNotRun);
        apiRoles = List.copyOf(apiRoles);
        rolesBypassingRls = Set.copyOf(rolesBypassingRls);
        warnings = List.copyOf(warnings);
        unreadable = Set.copyOf(unreadable);
    }

    public boolean readable(CatalogSection section) {
        return !unreadable.contains(section);
    }

    /** Finds a table by "schema.table" or a bare name in public. */
    public Optional<TableSecurity> table(String name) {
        String wanted = name.contains(".") ? name : "public." + name;
        return tables.stream().filter(t -> t.displayName().equals(wanted)).findFirst();
    }

    public List<String> missingApiRoles() {
        return apiRoles.stream().filter(r -> !r.exists()).map(ApiRole::name).toList();
    }
}

package jobs.x402.console.rls;

import java.util.List;
import java.util.Map;

/**
 * One table's row-level security state: the row of the matrix.
 *
 * @param estimatedRows pg_class.reltuples; -1 when the table was never analyzed
 * @param grants        per API role that exists on the target: the privileges it holds (SELECT, INSERT, UPDATE,
 *                      DELETE); a role missing from the target is missing from the map
 * @param apiExposed    the schema is one PostgREST serves (pgrst.db_schemas or the configured list)
 */
public record TableSecurity(String schema, String name, String owner, boolean rlsEnabled, boolean rlsForced,
                            long estimatedRows, boolean apiExposed, Map<String, List<String>> grants,
                            List<PolicyDefinition> policies, List<SecretColumn> secretColumns) {

    public TableSecurity {
        grants = Map.copyOf(grants);
        policies = List.copyOf(policies);
        secretColumns = List.copyOf(secretColumns);
    }

    public String qualifiedName() {
        return RlsSql.qualified(schema, name);
    }

    /** "schema.table" without quotes, for display and lint keys. */
    public String displayName() {
        return schema + "." + name;
    }

    public long policyCount(PolicyCommand command) {
        return policies.stream().filter(p -> p.command() == command).count();
    }

    public long permissiveCount() {
        return policies.stream().filter(PolicyDefinition::permissive).count();
    }

    public long restrictiveCount() {
        return policies.size() - permissiveCount();
    }

    public boolean granted(String role, String privilege) {
        return grants.getOrDefault(role, List.of()).contains(privilege);
    }

    /** anon or authenticated may read it (table-level SELECT). */
    public boolean readableByApiRoles() {
        return granted("anon", "SELECT") || granted("authenticated", "SELECT");
    }
}

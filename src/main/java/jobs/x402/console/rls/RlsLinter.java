package jobs.x402.console.rls;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the lints over a catalog already read: pure computation, no SQL, so a 2,000-table schema costs the catalog
 * queries and nothing per table.
 */
public final class RlsLinter {
    /** A direct call that PostgreSQL would evaluate once per row. */
    private static final Pattern PER_ROW_CALL = Pattern.compile(
            "\\bauth\\.(uid|jwt|role|email)\\(\\)"
                    + "|\\bcurrent_setting\\('(?:[^']|'')*'(?:::text)?(?:\\s*,\\s*(?:true|false))?\\)");
    private static final Pattern USER_METADATA = Pattern.compile(
            "(?s)(auth\\.jwt\\(\\)|request\\.jwt\\.claim).*user_metadata");

    public List<LintFinding> lint(RlsCatalog catalog) {
        List<LintFinding> findings = new ArrayList<>();
        boolean policiesKnown = catalog.readable(CatalogSection.POLICIES);
        boolean rolesKnown = catalog.readable(CatalogSection.ROLES);
        Set<String> bypassing = catalog.rolesBypassingRls();
        List<String> apiRolesUnderRls = catalog.apiRoles().stream().filter(r -> r.exists() && !r.bypassRls())
                .filter(r -> !r.name().equals("service_role")).map(ApiRole::name).toList();
        for (TableSecurity table : catalog.tables()) {
            if (policiesKnown) {
                policyExistsRlsDisabled(table, findings);
                rlsEnabledNoPolicy(table, findings);
                for (PolicyDefinition policy : table.policies()) {
                    authRlsInitplan(table, policy, findings);
                    alwaysTrue(table, policy, findings);
                    userMetadata(table, policy, findings);
                    if (rolesKnown) {
                        bypassRoleOnly(table, policy, bypassing, findings);
                    }
                }
                if (rolesKnown) {
                    multiplePermissive(table, apiRolesUnderRls, bypassing, findings);
                }
            }
            rlsDisabledInPublic(table, findings);
            if (catalog.readable(CatalogSection.SECRET_COLUMNS)) {
                sensitiveColumnsExposed(table, findings);
                notForcedOnSecretTable(table, findings);
                secretColumnsGranted(table, findings);
            }
        }
        for (FunctionSetting function : catalog.functions()) {
            if (!function.searchPathFixed()) {
                findings.add(finding(LintRule.FUNCTION_SEARCH_PATH_MUTABLE, "function " + function.schema() + "."
                                + function.name() + "(" + function.identityArguments() + ")",
                        "Function " + function.schema() + "." + function.name() + " has a role mutable search_path"
                                + (function.securityDefiner() ? " and is SECURITY DEFINER (runs with its owner's"
                                + " rights): fix this one first." : "."),
                        "-- qualify every name the body uses (e.g. public.my_table), then pin the path:\n"
                                + "alter function " + function.signature() + " set search_path = '';",
                        key(LintRule.FUNCTION_SEARCH_PATH_MUTABLE, function.schema(), function.name(),
                                function.identityArguments())));
            }
        }
        for (ViewSecurity view : catalog.views()) {
            if (!view.securityInvoker() && view.readableByApiRoles()) {
                findings.add(finding(LintRule.SECURITY_DEFINER_VIEW, "view " + view.schema() + "." + view.name(),
                        "View " + view.schema() + "." + view.name() + " is readable by anon/authenticated and runs"
                                + " as its owner.",
                        "alter view " + view.qualifiedName() + " set (security_invoker = on);"
                                + "  -- PostgreSQL 15 or later",
                        key(LintRule.SECURITY_DEFINER_VIEW, view.schema(), view.name())));
            }
        }
        for (ForeignKeyIndex fk : catalog.foreignKeys()) {
            if (!fk.indexed()) {
                String columns = fk.columns().stream().map(RlsSql::ident).collect(Collectors.joining(", "));
                findings.add(finding(LintRule.UNINDEXED_FOREIGN_KEYS, fk.schema() + "." + fk.table() + " · foreign key "
                                + fk.constraint(),
                        "Foreign key " + fk.constraint() + " on " + fk.schema() + "." + fk.table() + " ("
                                + String.join(", ", fk.columns()) + ") has no covering index.",
                        "create index on " + RlsSql.qualified(fk.schema(), fk.table()) + " (" + columns + ");",
                        key(LintRule.UNINDEXED_FOREIGN_KEYS, fk.schema(), fk.table(), fk.constraint())));
            }
        }
        findings.sort(Comparator.comparing(LintFinding::level).thenComparing(f -> f.rule().ordinal())
                .thenComparing(LintFinding::object));
        return findings;
    }

    private static void policyExistsRlsDisabled(TableSecurity table, List<LintFinding> findings) {
        if (!table.rlsEnabled() && !table.policies().isEmpty()) {
            findings.add(finding(LintRule.POLICY_EXISTS_RLS_DISABLED, table.displayName(),
                    "Table " + table.displayName() + " has " + table.policies().size() + " polic"
                            + (table.policies().size() == 1 ? "y" : "ies") + " (" + policyNames(table.policies())
                            + ") but row level security is disabled.",
                    "alter table " + table.qualifiedName() + " enable row level security;",
                    key(LintRule.POLICY_EXISTS_RLS_DISABLED, table.schema(), table.name())));
        }
    }

    private static void rlsEnabledNoPolicy(TableSecurity table, List<LintFinding> findings) {
        if (table.rlsEnabled() && table.policies().isEmpty()) {
            findings.add(finding(LintRule.RLS_ENABLED_NO_POLICY, table.displayName(),
                    "Table " + table.displayName() + " has row level security enabled and no policy: only roles that"
                            + " bypass RLS reach its rows.",
                    "-- if users should reach their own rows (adapt the owner column):\n"
                            + "create policy \"Users can read their own rows\" on " + table.qualifiedName()
                            + " for select to authenticated using ((select auth.uid()) = user_id);\n"
                            + "-- if it is service-only, keep it and suppress this finding",
                    key(LintRule.RLS_ENABLED_NO_POLICY, table.schema(), table.name())));
        }
    }

    private static void rlsDisabledInPublic(TableSecurity table, List<LintFinding> findings) {
        if (table.apiExposed() && !table.rlsEnabled() && table.readableByApiRoles()) {
            findings.add(finding(LintRule.RLS_DISABLED_IN_PUBLIC, table.displayName(),
                    "Table " + table.displayName() + " is in an API-exposed schema, readable by "
                            + readers(table) + ", and row level security is disabled.",
                    "alter table " + table.qualifiedName() + " enable row level security;\n"
                            + "-- then add the policies the app needs (without any, only service_role reaches it)",
                    key(LintRule.RLS_DISABLED_IN_PUBLIC, table.schema(), table.name())));
        }
    }

    private static void authRlsInitplan(TableSecurity table, PolicyDefinition policy, List<LintFinding> findings) {
        if (!table.rlsEnabled()) {
            return;
        }
        Set<String> calls = new LinkedHashSet<>();
        calls.addAll(perRowCalls(policy.using()));
        calls.addAll(perRowCalls(policy.withCheck()));
        if (calls.isEmpty()) {
            return;
        }
        StringBuilder fix = new StringBuilder("alter policy ").append(RlsSql.ident(policy.name())).append(" on ")
                .append(table.qualifiedName());
        if (policy.using() != null) {
            fix.append(" using (").append(wrapPerRowCalls(policy.using())).append(')');
        }
        if (policy.withCheck() != null) {
            fix.append(" with check (").append(wrapPerRowCalls(policy.withCheck())).append(')');
        }
        fix.append(';');
        findings.add(finding(LintRule.AUTH_RLS_INITPLAN, policyObject(table, policy),
                "Policy \"" + policy.name() + "\" on " + table.displayName() + " re-evaluates "
                        + String.join(", ", calls) + " for each row.",
                fix.toString(), key(LintRule.AUTH_RLS_INITPLAN, table.schema(), table.name(), policy.name())));
    }

    /** The direct (not already sub-selected) calls in an expression. */
    static List<String> perRowCalls(String expression) {
        List<String> calls = new ArrayList<>();
        if (expression == null) {
            return calls;
        }
        Matcher m = PER_ROW_CALL.matcher(expression);
        while (m.find()) {
            if (!selectedBefore(expression, m.start())) {
                calls.add(m.group());
            }
        }
        return calls;
    }

    /** Whether the call at {@code position} is already the body of a sub-select: "select auth.uid()". */
    private static boolean selectedBefore(String expression, int position) {
        int i = position - 1;
        while (i >= 0 && Character.isWhitespace(expression.charAt(i))) {
            i--;
        }
        return i >= 5 && expression.regionMatches(true, i - 5, "select", 0, 6);
    }

    /** Rewrites each direct call to {@code (select call)}, leaving calls already sub-selected alone. */
    static String wrapPerRowCalls(String expression) {
        Matcher m = PER_ROW_CALL.matcher(expression);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(expression, last, m.start());
            if (selectedBefore(expression, m.start())) {
                out.append(m.group());
            } else {
                out.append("(select ").append(m.group()).append(')');
            }
            last = m.end();
        }
        return out.append(expression.substring(last)).toString();
    }

    private static void alwaysTrue(TableSecurity table, PolicyDefinition policy, List<LintFinding> findings) {
        if (!table.rlsEnabled() || !policy.permissive()) {
            return;
        }
        boolean forApi = policy.appliesToPublic() || policy.roles().contains("anon")
                || policy.roles().contains("authenticated");
        if (!forApi) {
            return;
        }
        PolicyCommand cmd = policy.command();
        boolean writesAnyRow = cmd != PolicyCommand.SELECT && cmd != PolicyCommand.INSERT
                && (PolicyDefinition.isTrue(policy.using()) || policy.using() == null);
        boolean writesAnyNewRow = PolicyDefinition.isTrue(policy.withCheck())
                || (policy.withCheck() == null && cmd == PolicyCommand.INSERT)
                || (policy.withCheck() == null && (cmd == PolicyCommand.UPDATE || cmd == PolicyCommand.ALL)
                && PolicyDefinition.isTrue(policy.using()));
        if (!writesAnyRow && !writesAnyNewRow) {
            return;
        }
        String clause = writesAnyRow && writesAnyNewRow ? "both USING and WITH CHECK are always true"
                : writesAnyRow ? "USING is always true" : "WITH CHECK is always true (or missing on INSERT)";
        String condition = "((select auth.uid()) = user_id)";
        String fix = "-- replace true with the condition that must hold; for rows owned by a user:\n"
                + "alter policy " + RlsSql.ident(policy.name()) + " on " + table.qualifiedName()
                + (cmd == PolicyCommand.INSERT ? "" : " using " + condition)
                + (cmd == PolicyCommand.SELECT || cmd == PolicyCommand.DELETE ? "" : " with check " + condition) + ";";
        findings.add(finding(LintRule.RLS_POLICY_ALWAYS_TRUE, policyObject(table, policy),
                "Policy \"" + policy.name() + "\" on " + table.displayName() + " for " + cmd + " to "
                        + String.join(", ", policy.roles()) + ": " + clause + ".",
                fix, key(LintRule.RLS_POLICY_ALWAYS_TRUE, table.schema(), table.name(), policy.name())));
    }

    private static void userMetadata(TableSecurity table, PolicyDefinition policy, List<LintFinding> findings) {
        String text = (policy.using() == null ? "" : policy.using()) + " "
                + (policy.withCheck() == null ? "" : policy.withCheck());
        if (USER_METADATA.matcher(text).find()) {
            findings.add(finding(LintRule.RLS_REFERENCES_USER_METADATA, policyObject(table, policy),
                    "Policy \"" + policy.name() + "\" on " + table.displayName() + " reads user_metadata from the"
                            + " JWT.",
                    "-- keep authorization facts in app_metadata (only the service role can set it):\n"
                            + "-- e.g. ((select auth.jwt()) -> 'app_metadata' ->> 'role') = 'admin'\n"
                            + "alter policy " + RlsSql.ident(policy.name()) + " on " + table.qualifiedName()
                            + (policy.using() == null ? "" : " using (" + policy.using().replace("user_metadata",
                            "app_metadata") + ")")
                            + (policy.withCheck() == null ? "" : " with check (" + policy.withCheck().replace(
                            "user_metadata", "app_metadata") + ")") + ";",
                    key(LintRule.RLS_REFERENCES_USER_METADATA, table.schema(), table.name(), policy.name())));
        }
    }

    private static void bypassRoleOnly(TableSecurity table, PolicyDefinition policy, Set<String> bypassing,
                                       List<LintFinding> findings) {
        if (policy.appliesToPublic() || policy.roles().isEmpty() || !bypassing.containsAll(policy.roles())) {
            return;
        }
        findings.add(finding(LintRule.POLICY_FOR_BYPASSRLS_ROLE, policyObject(table, policy),
                "Policy \"" + policy.name() + "\" on " + table.displayName() + " targets only "
                        + String.join(", ", policy.roles()) + ", which bypass" + (policy.roles().size() == 1 ? "es" : "")
                        + " row level security.",
                "-- the role reaches every row without it; dropping it changes nothing but the reading:\n"
                        + "drop policy " + RlsSql.ident(policy.name()) + " on " + table.qualifiedName() + ";",
                key(LintRule.POLICY_FOR_BYPASSRLS_ROLE, table.schema(), table.name(), policy.name())));
    }

    private static void multiplePermissive(TableSecurity table, List<String> apiRolesUnderRls, Set<String> bypassing,
                                           List<LintFinding> findings) {
        Map<String, List<PolicyDefinition>> byRoleAndCommand = new LinkedHashMap<>();
        for (PolicyDefinition policy : table.policies()) {
            if (!policy.permissive()) {
                continue;
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String role : policy.roles()) {
                if (role.equals("public")) {
                    roles.addAll(apiRolesUnderRls);
                } else if (!bypassing.contains(role)) {
                    roles.add(role);
                }
            }
            for (String role : roles) {
                for (PolicyCommand cmd : policy.command().covered()) {
                    byRoleAndCommand.computeIfAbsent(role + "\u0000" + cmd, k -> new ArrayList<>()).add(policy);
                }
            }
        }
        byRoleAndCommand.forEach((roleAndCommand, policies) -> {
            if (policies.size() < 2) {
                return;
            }
            String role = roleAndCommand.substring(0, roleAndCommand.indexOf('\u0000'));
            String cmd = roleAndCommand.substring(roleAndCommand.indexOf('\u0000') + 1);
            String usings = policies.stream().map(p -> "(" + (p.using() == null ? "true" : p.using()) + ")")
                    .collect(Collectors.joining(" or "));
            findings.add(finding(LintRule.MULTIPLE_PERMISSIVE_POLICIES, table.displayName() + " · " + role + " · " + cmd,
                    "Table " + table.displayName() + " has " + policies.size() + " permissive policies for role "
                            + role + " and " + cmd + ": " + policyNames(policies) + ".",
                    "-- merge them into one policy per role and command, e.g.:\n"
                            + "-- create policy \"" + role + " " + cmd.toLowerCase(Locale.ROOT) + "\" on "
                            + table.qualifiedName() + " for " + cmd.toLowerCase(Locale.ROOT) + " to "
                            + RlsSql.ident(role) + " using (" + usings + ");\n"
                            + policies.stream().map(p -> "-- drop policy " + RlsSql.ident(p.name()) + " on "
                            + table.qualifiedName() + ";").collect(Collectors.joining("\n")),
                    key(LintRule.MULTIPLE_PERMISSIVE_POLICIES, table.schema(), table.name(), role, cmd)));
        });
    }

    private static void sensitiveColumnsExposed(TableSecurity table, List<LintFinding> findings) {
        List<String> exact = table.secretColumns().stream().filter(SecretColumn::exactSensitiveName)
                .map(SecretColumn::name).toList();
        if (!exact.isEmpty() && table.apiExposed() && !table.rlsEnabled() && table.readableByApiRoles()) {
            findings.add(finding(LintRule.SENSITIVE_COLUMNS_EXPOSED, table.displayName(),
                    "Table " + table.displayName() + " is exposed via the API without row level security and has"
                            + " sensitive column(s): " + String.join(", ", exact) + ".",
                    "alter table " + table.qualifiedName() + " enable row level security;\n"
                            + "revoke select (" + exact.stream().map(RlsSql::ident).collect(Collectors.joining(", "))
                            + ") on " + table.qualifiedName() + " from anon, authenticated;",
                    key(LintRule.SENSITIVE_COLUMNS_EXPOSED, table.schema(), table.name())));
        }
    }

    private static void notForcedOnSecretTable(TableSecurity table, List<LintFinding> findings) {
        if (table.secretColumns().isEmpty() || !table.rlsEnabled() || table.rlsForced()) {
            return;
        }
        findings.add(finding(LintRule.RLS_NOT_FORCED_ON_SECRET_TABLE, table.displayName(),
                "Table " + table.displayName() + " holds " + columnNames(table.secretColumns())
                        + "; its owner " + table.owner() + " is not held to the policies.",
                "alter table " + table.qualifiedName() + " force row level security;\n"
                        + "-- superusers and BYPASSRLS roles (service_role) still bypass it, as intended",
                key(LintRule.RLS_NOT_FORCED_ON_SECRET_TABLE, table.schema(), table.name())));
    }

    private static void secretColumnsGranted(TableSecurity table, List<LintFinding> findings) {
        List<SecretColumn> readable = table.secretColumns().stream()
                .filter(c -> c.readableByAnon() || c.readableByAuthenticated()).toList();
        if (readable.isEmpty()) {
            return;
        }
        Set<String> roles = new LinkedHashSet<>();
        readable.forEach(c -> {
            if (c.readableByAnon()) {
                roles.add("anon");
            }
            if (c.readableByAuthenticated()) {
                roles.add("authenticated");
            }
        });
        boolean tableLevel = roles.stream().anyMatch(r -> table.granted(r, "SELECT"));
        String roleList = String.join(", ", roles);
        String columns = readable.stream().map(c -> RlsSql.ident(c.name())).collect(Collectors.joining(", "));
        String fix = tableLevel
                ? "revoke select on " + table.qualifiedName() + " from " + roleList + ";\n"
                + "-- then grant back only the columns the API needs, e.g.:\n"
                + "-- grant select (user_id, is_enabled, created_at, updated_at) on " + table.qualifiedName()
                + " to authenticated;"
                : "revoke select (" + columns + ") on " + table.qualifiedName() + " from " + roleList + ";";
        findings.add(finding(LintRule.SECRET_COLUMNS_GRANTED_TO_API_ROLES, table.displayName(),
                roleList + " may SELECT " + columnNames(readable) + " of " + table.displayName()
                        + (table.rlsEnabled() ? " (row level security decides which rows)" : " (no row level security)")
                        + ".",
                fix, key(LintRule.SECRET_COLUMNS_GRANTED_TO_API_ROLES, table.schema(), table.name())));
    }

    private static String columnNames(List<SecretColumn> columns) {
        return (columns.size() == 1 ? "column " : "columns ")
                + columns.stream().map(SecretColumn::name).collect(Collectors.joining(", "));
    }

    private static String readers(TableSecurity table) {
        List<String> roles = new ArrayList<>();
        if (table.granted("anon", "SELECT")) {
            roles.add("anon");
        }
        if (table.granted("authenticated", "SELECT")) {
            roles.add("authenticated");
        }
        return String.join(" and ", roles);
    }

    private static String policyNames(List<PolicyDefinition> policies) {
        return policies.stream().map(p -> "\"" + p.name() + "\"").collect(Collectors.joining(", "));
    }

    private static String policyObject(TableSecurity table, PolicyDefinition policy) {
        return table.displayName() + " · policy \"" + policy.name() + "\"";
    }

    private static LintFinding finding(LintRule rule, String object, String detail, String fix, String key) {
        return new LintFinding(rule, rule.level(), object, detail, fix, key, false);
    }

    /** splinter's cache_key shape: lint name, then the object's names joined by underscores. */
    static String key(LintRule rule, String... parts) {
        return rule.id() + "_" + String.join("_", parts);
    }
}

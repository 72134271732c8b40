package jobs.x402.console.rls;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a catalog already read into findings: splinter's lints (their rows came with the catalog) get the console's
 * words and a fix, and the console's own three are computed here. Pure computation, no SQL.
 */
public final class RlsLinter {
    /** A direct call that PostgreSQL would evaluate once per row. */
    private static final Pattern PER_ROW_CALL = Pattern.compile(
            "\\bauth\\.(uid|jwt|role|email)\\(\\)"
                    + "|\\bcurrent_setting\\('(?:[^']|'')*'(?:::text)?(?:\\s*,\\s*(?:true|false))?\\)");

    public List<LintFinding> lint(RlsCatalog catalog) {
        List<LintFinding> findings = new ArrayList<>();
        Map<String, TableSecurity> tables = new HashMap<>();
        catalog.tables().forEach(t -> tables.put(t.displayName(), t));
        for (SupabaseLintRow row : catalog.supabaseLints()) {
            findings.add(splinterFinding(row, tables.get(row.displayName())));
        }
        boolean policiesKnown = catalog.readable(CatalogSection.POLICIES);
        boolean rolesKnown = catalog.readable(CatalogSection.ROLES);
        Set<String> bypassing = catalog.rolesBypassingRls();
        for (TableSecurity table : catalog.tables()) {
            if (policiesKnown && rolesKnown) {
                for (PolicyDefinition policy : table.policies()) {
                    bypassRoleOnly(table, policy, bypassing, findings);
                }
            }
            if (catalog.readable(CatalogSection.SECRET_COLUMNS)) {
                notForcedOnSecretTable(table, findings);
                secretColumnsGranted(table, findings);
            }
        }
        findings.sort(Comparator.comparing(LintFinding::level).thenComparing(f -> f.rule().ordinal())
                .thenComparing(LintFinding::object).thenComparing(LintFinding::key));
        return findings;
    }

    /** Words and a fix for what one of splinter's queries found; the key is splinter's cache_key as it came. */
    private static LintFinding splinterFinding(SupabaseLintRow row, TableSecurity table) {
        String object = row.displayName();
        String qualified = qualified(row.schema(), row.name());
        LintRule rule = row.rule();
        return switch (rule) {
            case UNINDEXED_FOREIGN_KEYS -> {
                List<String> columns = row.texts("columns");
                yield finding(row, object + " · foreign key " + row.text("constraint"),
                        "Foreign key " + row.text("constraint") + " on " + object + " (" + String.join(", ", columns)
                                + ") has no covering index.",
                        "create index on " + qualified + " (" + columns.stream().map(RlsSql::ident)
                                .collect(Collectors.joining(", ")) + ");");
            }
            case AUTH_USERS_EXPOSED -> finding(row, row.text("kind") + " " + object,
                    "The " + row.text("kind") + " " + object + " reads auth.users and " + String.join(" and ",
                            row.texts("exposed_to")) + " may select from it.",
                    "revoke select on " + qualified + " from anon, authenticated;\n"
                            + "-- or, for a view: alter view " + qualified + " set (security_invoker = on);"
                            + "  -- auth.users' own row level security then applies\n"
                            + "-- or move it to a schema the API does not serve");
            case AUTH_RLS_INITPLAN -> initplan(row, object, qualified);
            case NO_PRIMARY_KEY -> finding(row, object, "Table " + object + " has no primary key.",
                    "-- when a column is already unique and not null, make it the key:\n"
                            + "-- alter table " + qualified + " add primary key (that_column);\n"
                            + "alter table " + qualified + " add column id bigint generated always as identity"
                            + " primary key;");
            case UNUSED_INDEX -> finding(row, object + " · index " + row.text("index"),
                    "Index " + row.text("index") + " on " + object + " has never been scanned"
                            + " (pg_stat_user_indexes.idx_scan = 0).",
                    "-- the statistics only cover the time since they were last reset: watch a representative"
                            + " period first\ndrop index concurrently " + qualified(row.schema(), row.text("index"))
                            + ";");
            case MULTIPLE_PERMISSIVE_POLICIES -> multiplePermissive(row, object, qualified, table);
            case POLICY_EXISTS_RLS_DISABLED -> {
                List<String> names = row.texts("policies");
                yield finding(row, object, "Table " + object + " has " + names.size() + " polic"
                                + (names.size() == 1 ? "y" : "ies") + " (" + quoted(names)
                                + ") but row level security is disabled.",
                        "alter table " + qualified + " enable row level security;");
            }
            case RLS_ENABLED_NO_POLICY -> finding(row, object, "Table " + object + " has row level security enabled"
                            + " and no policy: only roles that bypass RLS reach its rows.",
                    "-- if users should reach their own rows (adapt the owner column):\n"
                            + "create policy \"Users can read their own rows\" on " + qualified
                            + " for select to authenticated using ((select auth.uid()) = user_id);\n"
                            + "-- if it is service-only, keep it and suppress this finding");
            case DUPLICATE_INDEX -> {
                List<String> indexes = row.texts("indexes");
                yield finding(row, object, "Table " + object + " has identical indexes " + String.join(", ", indexes)
                                + ".",
                        "-- keep " + indexes.get(0) + "\n" + indexes.stream().skip(1).map(i -> "drop index concurrently "
                                + qualified(row.schema(), i) + ";").collect(Collectors.joining("\n")));
            }
            case SECURITY_DEFINER_VIEW -> finding(row, "view " + object, "View " + object + " is readable by"
                            + " anon/authenticated and runs as its owner.",
                    "alter view " + qualified + " set (security_invoker = on);");
            case FUNCTION_SEARCH_PATH_MUTABLE -> {
                String kind = switch (String.valueOf(row.text("kind"))) {
                    case "p" -> "procedure";
                    case "a" -> "aggregate";
                    case "w" -> "window function";
                    default -> "function";
                };
                String signature = qualified + "(" + row.text("arguments") + ")";
                yield finding(row, kind + " " + object + "(" + row.text("arguments") + ")",
                        "The " + kind + " " + object + " has a role mutable search_path"
                                + (row.flag("security_definer") ? " and is SECURITY DEFINER (runs with its owner's"
                                + " rights): fix this one first." : "."),
                        kind.equals("aggregate")
                                ? "-- an aggregate takes no SET clause: pin the path on its support functions"
                                : "-- qualify every name the body uses (e.g. public.my_table), then pin the path:\n"
                                + "alter " + (kind.equals("procedure") ? "procedure " : "function ") + signature
                                + " set search_path = '';");
            }
            case RLS_DISABLED_IN_PUBLIC -> finding(row, object, "Table " + object + " is in an API-exposed schema,"
                            + " readable by " + String.join(" and ", row.texts("readers")) + ", and row level security"
                            + " is disabled.",
                    "alter table " + qualified + " enable row level security;\n"
                            + "-- then add the policies the app needs (without any, only service_role reaches it)");
            case EXTENSION_IN_PUBLIC -> finding(row, "extension " + row.name(), "Extension " + row.name()
                            + " (version " + row.text("version") + ") is installed in the public schema.",
                    row.flag("relocatable")
                            ? "create schema if not exists extensions;\nalter extension " + RlsSql.ident(row.name())
                            + " set schema extensions;"
                            : "-- " + row.name() + " cannot be moved: recreate it in extensions (drops what depends on"
                            + " it; check first)\n-- drop extension " + RlsSql.ident(row.name()) + ";\n-- create"
                            + " extension " + RlsSql.ident(row.name()) + " with schema extensions;");
            case RLS_REFERENCES_USER_METADATA -> {
                String using = row.text("using");
                String check = row.text("with_check");
                yield finding(row, object + " · policy \"" + row.text("policy") + "\"", "Policy \""
                                + row.text("policy") + "\" on " + object + " reads user_metadata from the JWT.",
                        "-- keep authorization facts in app_metadata (only the service role can set it):\n"
                                + "-- e.g. ((select auth.jwt()) -> 'app_metadata' ->> 'role') = 'admin'\n"
                                + "alter policy " + RlsSql.ident(row.text("policy")) + " on " + qualified
                                + (using == null ? "" : " using (" + using.replace("user_metadata", "app_metadata")
                                + ")") + (check == null ? "" : " with check (" + check.replace("user_metadata",
                                "app_metadata") + ")") + ";");
            }
            case MATERIALIZED_VIEW_IN_API -> finding(row, "materialized view " + object, "Materialized view "
                            + object + " is selectable by anon or authenticated.",
                    "revoke select on " + qualified + " from anon, authenticated;");
            case FOREIGN_TABLE_IN_API -> finding(row, "foreign table " + object, "Foreign table " + object
                            + " is selectable by anon or authenticated.",
                    "revoke select on " + qualified + " from anon, authenticated;");
            case UNSUPPORTED_REG_TYPES -> finding(row, object + " · column " + row.text("column"), "Column "
                            + row.text("column") + " of " + object + " has type " + row.text("type")
                            + ", which pg_upgrade refuses.",
                    "alter table " + qualified + " alter column " + RlsSql.ident(row.text("column")) + " type text"
                            + " using " + RlsSql.ident(row.text("column")) + "::text;");
            case INSECURE_QUEUE_EXPOSED_IN_API -> finding(row, "queue " + object, "Queue table " + object
                            + " is served through pgmq_public without row level security.",
                    "alter table " + qualified + " enable row level security;\n"
                            + "-- then add policies for the roles that may read or send messages");
            case TABLE_BLOAT -> finding(row, object, "Table " + object + " is about " + row.text("bloat")
                            + " times the size its rows need (" + (Long.parseLong(row.text("waste_bytes")) >> 20)
                            + " MB wasted).",
                    "-- VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock: plan the downtime (or use"
                            + " pg_repack)\nvacuum full " + qualified + ";");
            case FKEY_TO_AUTH_UNIQUE -> finding(row, object + " · foreign key " + row.text("constraint"),
                    "Foreign key " + row.text("constraint") + " on " + object + " references " + row.text("references")
                            + " through its unique index " + row.text("index") + ", not its primary key.",
                    "alter table " + qualified + " drop constraint " + RlsSql.ident(row.text("constraint")) + ";\n"
                            + "-- if the link is needed, reference the primary key instead, e.g. auth.users (id)");
            case EXTENSION_VERSIONS_OUTDATED -> finding(row, "extension " + row.name(), "Extension " + row.name()
                            + " is at version " + row.text("installed") + "; this server's default is "
                            + row.text("default") + ".",
                    "alter extension " + RlsSql.ident(row.name()) + " update;");
            case SENSITIVE_COLUMNS_EXPOSED -> {
                List<String> columns = row.texts("columns");
                yield finding(row, object, "Table " + object + " is exposed via the API without row level security"
                                + " and has sensitive column(s): " + String.join(", ", columns) + ".",
                        "alter table " + qualified + " enable row level security;\n"
                                + "revoke select (" + columns.stream().map(RlsSql::ident)
                                .collect(Collectors.joining(", ")) + ") on " + qualified + " from anon, authenticated;");
            }
            case RLS_POLICY_ALWAYS_TRUE -> alwaysTrue(row, object, qualified);
            case PUBLIC_BUCKET_ALLOWS_LISTING -> {
                List<String> policies = row.texts("policies");
                yield finding(row, "bucket " + row.text("bucket_id"), "Public bucket " + row.name() + " has "
                                + policies.size() + " broad SELECT polic" + (policies.size() == 1 ? "y" : "ies")
                                + " on storage.objects (" + quoted(policies) + "): clients can list every file.",
                        "-- public URLs keep working without a SELECT policy\n" + policies.stream()
                                .map(p -> "drop policy " + RlsSql.ident(p) + " on storage.objects;")
                                .collect(Collectors.joining("\n")));
            }
            case PG_GRAPHQL_ANON_TABLE_EXPOSED, PG_GRAPHQL_AUTHENTICATED_TABLE_EXPOSED -> {
                String role = rule == LintRule.PG_GRAPHQL_ANON_TABLE_EXPOSED ? "anon" : "authenticated";
                yield finding(row, row.text("kind") + " " + object, "The " + row.text("kind") + " " + object
                                + " shows in the GraphQL schema because " + role + " can select from it.",
                        "-- if " + role + " should not discover it:\nrevoke select on " + qualified + " from " + role
                                + ";");
            }
            case ANON_SECURITY_DEFINER_FUNCTION_EXECUTABLE, AUTHENTICATED_SECURITY_DEFINER_FUNCTION_EXECUTABLE -> {
                String role = rule == LintRule.ANON_SECURITY_DEFINER_FUNCTION_EXECUTABLE ? "anon" : "authenticated";
                String signature = qualified + "(" + row.text("arguments") + ")";
                yield finding(row, "function " + object + "(" + row.text("arguments") + ")", role
                                + " may execute the SECURITY DEFINER function " + object + "(" + row.text("arguments")
                                + ") through /rest/v1/rpc/" + row.name() + ".",
                        "-- functions are executable by PUBLIC by default, so revoke from PUBLIC too:\n"
                                + "revoke execute on function " + signature + " from public, " + role + ";\n"
                                + "-- or let it run with the caller's rights: alter function " + signature
                                + " security invoker;");
            }
            default -> throw new IllegalStateException(rule.id() + " is not one of splinter's lints");
        };
    }

    private static LintFinding initplan(SupabaseLintRow row, String object, String qualified) {
        String policy = row.text("policy");
        String using = row.text("using");
        String check = row.text("with_check");
        Set<String> calls = new LinkedHashSet<>();
        calls.addAll(perRowCalls(using));
        calls.addAll(perRowCalls(check));
        StringBuilder fix = new StringBuilder("alter policy ").append(RlsSql.ident(policy)).append(" on ")
                .append(qualified);
        if (using != null) {
            fix.append(" using (").append(wrapPerRowCalls(using)).append(')');
        }
        if (check != null) {
            fix.append(" with check (").append(wrapPerRowCalls(check)).append(')');
        }
        fix.append(';');
        return new LintFinding(row.rule(), row.rule().level(), object + " · policy \"" + policy + "\"",
                "Policy \"" + policy + "\" on " + object + " re-evaluates " + (calls.isEmpty()
                        ? "current_setting() or auth.<function>()" : String.join(", ", calls)) + " for each row.",
                fix.toString(), row.cacheKey(), "auth_rls_initplan_" + row.schema() + "_" + row.name() + "_" + policy,
                false);
    }

    private static LintFinding alwaysTrue(SupabaseLintRow row, String object, String qualified) {
        boolean anyRow = row.flag("permissive_using");
        boolean anyNewRow = row.flag("permissive_with_check");
        String command = row.text("command");
        String clause = anyRow && anyNewRow ? "both USING and WITH CHECK are always true"
                : anyRow ? "USING is always true" : "WITH CHECK is always true (or missing on INSERT)";
        String condition = "((select auth.uid()) = user_id)";
        String fix = "-- replace true with the condition that must hold; for rows owned by a user:\n"
                + "alter policy " + RlsSql.ident(row.text("policy")) + " on " + qualified
                + ("INSERT".equals(command) ? "" : " using " + condition)
                + ("SELECT".equals(command) || "DELETE".equals(command) ? "" : " with check " + condition) + ";";
        List<String> roles = row.texts("roles");
        return finding(row, object + " · policy \"" + row.text("policy") + "\"", "Policy \"" + row.text("policy")
                + "\" on " + object + " for " + command + " to " + (roles.equals(List.of("-")) ? "public"
                : String.join(", ", roles)) + ": " + clause + ".", fix);
    }

    private static LintFinding multiplePermissive(SupabaseLintRow row, String object, String qualified,
                                                  TableSecurity table) {
        String role = row.text("role");
        String cmd = row.text("command");
        List<String> names = row.texts("policies");
        String usings = names.stream().map(name -> table == null ? null : table.policies().stream()
                        .filter(p -> p.name().equals(name)).findFirst().orElse(null))
                .map(p -> p == null ? "(…)" : "(" + (p.using() == null ? "true" : p.using()) + ")")
                .collect(Collectors.joining(" or "));
        return finding(row, object + " · " + role + " · " + cmd, "Table " + object + " has " + names.size()
                        + " permissive policies for role " + role + " and " + cmd + ": " + quoted(names) + ".",
                "-- merge them into one policy per role and command, e.g.:\n"
                        + "-- create policy \"" + role + " " + cmd.toLowerCase(Locale.ROOT) + "\" on " + qualified
                        + " for " + cmd.toLowerCase(Locale.ROOT) + " to " + RlsSql.ident(role) + " using (" + usings
                        + ");\n" + names.stream().map(p -> "-- drop policy " + RlsSql.ident(p) + " on " + qualified
                        + ";").collect(Collectors.joining("\n")));
    }

    private static LintFinding finding(SupabaseLintRow row, String object, String detail, String fix) {
        return new LintFinding(row.rule(), row.rule().level(), object, detail, fix, row.cacheKey(),
                row.rule() == LintRule.FUNCTION_SEARCH_PATH_MUTABLE ? "function_search_path_mutable_" + row.schema()
                        + "_" + row.name() + "_" + row.text("arguments") : null, false);
    }

    /** Schema names come back from regnamespace already quoted where they need it. */
    private static String qualified(String schema, String name) {
        if (schema == null) {
            return RlsSql.ident(name);
        }
        return (schema.startsWith("\"") ? schema : RlsSql.ident(schema)) + "." + RlsSql.ident(name);
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
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

    private static String policyObject(TableSecurity table, PolicyDefinition policy) {
        return table.displayName() + " · policy \"" + policy.name() + "\"";
    }

    private static LintFinding finding(LintRule rule, String object, String detail, String fix, String key) {
        return new LintFinding(rule, rule.level(), object, detail, fix, key, null, false);
    }

    /** splinter's cache_key shape: lint name, then the object's names joined by underscores. */
    static String key(LintRule rule, String... parts) {
        return rule.id() + "_" + String.join("_", parts);
    }
}

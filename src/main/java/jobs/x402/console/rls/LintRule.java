package jobs.x402.console.rls;

/**
 * The lints: splinter's security and RLS ones under their splinter names, then three that no linter checks today.
 * Each says why it matters in one sentence an operator can act on.
 */
public enum LintRule {
    POLICY_EXISTS_RLS_DISABLED("policy_exists_rls_disabled", LintLevel.ERROR,
            "The table has policies but row level security is off, so the policies do nothing and every role with"
                    + " a grant reads and writes every row."),
    RLS_DISABLED_IN_PUBLIC("rls_disabled_in_public", LintLevel.ERROR,
            "The table is served by the API and readable by anon or authenticated, and row level security is off:"
                    + " anyone holding the public anon key can read (and, with the grants, change) every row."),
    RLS_ENABLED_NO_POLICY("rls_enabled_no_policy", LintLevel.INFO,
            "Row level security is on with no policy, which denies every API role: right for service-only tables,"
                    + " a bug if the app expects users to reach the rows."),
    AUTH_RLS_INITPLAN("auth_rls_initplan", LintLevel.WARN,
            "The policy calls auth.uid(), auth.jwt(), auth.role() or current_setting() directly, so PostgreSQL"
                    + " evaluates it once per row instead of once per query; wrapping it in (select …) fixes that."),
    MULTIPLE_PERMISSIVE_POLICIES("multiple_permissive_policies", LintLevel.WARN,
            "Several permissive policies apply to the same role and command: every one is evaluated for every row"
                    + " (OR-ed), which is slower and easy to widen by accident."),
    FUNCTION_SEARCH_PATH_MUTABLE("function_search_path_mutable", LintLevel.WARN,
            "The function has no fixed search_path, so a role that can create objects in a schema on the caller's"
                    + " path can make it call their functions instead of the intended ones."),
    RLS_POLICY_ALWAYS_TRUE("rls_policy_always_true", LintLevel.WARN,
            "A permissive policy for anon/authenticated/PUBLIC lets writes through unconditionally (USING or WITH"
                    + " CHECK is just true, or an INSERT policy has no WITH CHECK): row level security is not"
                    + " protecting these rows."),
    RLS_REFERENCES_USER_METADATA("rls_references_user_metadata", LintLevel.ERROR,
            "The policy trusts user_metadata from the JWT, which every signed-in user can edit about themself."),
    SECURITY_DEFINER_VIEW("security_definer_view", LintLevel.ERROR,
            "The view runs with its owner's rights (no security_invoker), so anon/authenticated reading it bypass the"
                    + " row level security of the tables underneath."),
    SENSITIVE_COLUMNS_EXPOSED("sensitive_columns_exposed", LintLevel.ERROR,
            "An API-exposed table without row level security has columns named like credentials or personal data."),
    UNINDEXED_FOREIGN_KEYS("unindexed_foreign_keys", LintLevel.INFO,
            "No index starts with the foreign key's columns: deleting or updating a parent row scans this table, and"
                    + " joins along the key are slow."),
    RLS_NOT_FORCED_ON_SECRET_TABLE("rls_not_forced_on_secret_table", LintLevel.WARN,
            "The table holds secret-looking columns and row level security is not FORCED, so its owner (often the"
                    + " role migrations and the SQL editor run as) reads every secret regardless of the policies."),
    POLICY_FOR_BYPASSRLS_ROLE("policy_for_bypassrls_role", LintLevel.INFO,
            "The policy is aimed only at roles that bypass row level security (BYPASSRLS or superuser), so it is"
                    + " never evaluated: dead code that suggests a restriction that does not exist."),
    SECRET_COLUMNS_GRANTED_TO_API_ROLES("secret_columns_granted_to_api_roles", LintLevel.WARN,
            "anon or authenticated hold SELECT on secret-looking columns: the policies are the only wall left, and"
                    + " one weakened policy hands the secrets to the API.");

    private final String id;
    private final LintLevel level;
    private final String why;

    LintRule(String id, LintLevel level, String why) {
        this.id = id;
        this.level = level;
        this.why = why;
    }

    /** The stable snake_case name used on the CLI, in JSON and in keys. */
    public String id() {
        return id;
    }

    public LintLevel level() {
        return level;
    }

    public String why() {
        return why;
    }

    public static LintRule byId(String id) {
        for (LintRule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown lint " + id);
    }
}

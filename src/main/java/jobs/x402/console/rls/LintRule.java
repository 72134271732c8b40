package jobs.x402.console.rls;

import java.util.List;

/**
 * The lints: every lint of Supabase's linter (splinter) that the catalog can answer, under splinter's name, level
 * and categories and in splinter's order, then three of the console's own that no linter checks. Each says why it
 * matters in a sentence an operator can act on.
 */
public enum LintRule {
    UNINDEXED_FOREIGN_KEYS(1, "unindexed_foreign_keys", "Unindexed foreign keys", LintLevel.INFO, Category.PERFORMANCE,
            "No index starts with the foreign key's columns: deleting or updating a parent row scans this table, and"
                    + " joins along the key are slow."),
    AUTH_USERS_EXPOSED(2, "auth_users_exposed", "Exposed Auth Users", LintLevel.ERROR, Category.SECURITY,
            "A view or materialized view that anon or authenticated can read shows rows of auth.users (emails,"
                    + " phone numbers, metadata) around its row level security."),
    AUTH_RLS_INITPLAN(3, "auth_rls_initplan", "Auth RLS Initialization Plan", LintLevel.WARN, Category.PERFORMANCE,
            "The policy calls auth.uid(), auth.jwt(), auth.role(), auth.email() or current_setting() directly, so"
                    + " PostgreSQL evaluates it once per row instead of once per query; wrapping it in (select …)"
                    + " fixes that."),
    NO_PRIMARY_KEY(4, "no_primary_key", "No Primary Key", LintLevel.INFO, Category.PERFORMANCE,
            "Without a primary key, rows cannot be addressed one by one: updates and deletes from the API, logical"
                    + " replication and most tools work badly or not at all."),
    UNUSED_INDEX(5, "unused_index", "Unused Index", LintLevel.INFO, Category.PERFORMANCE,
            "The index has not been scanned since the statistics were last reset, yet every write pays to maintain"
                    + " it (on a young database or a sandbox this says little)."),
    MULTIPLE_PERMISSIVE_POLICIES(6, "multiple_permissive_policies", "Multiple Permissive Policies", LintLevel.WARN,
            Category.PERFORMANCE,
            "Several permissive policies apply to the same role and command: every one is evaluated for every row"
                    + " (OR-ed), which is slower and easy to widen by accident."),
    POLICY_EXISTS_RLS_DISABLED(7, "policy_exists_rls_disabled", "Policy Exists RLS Disabled", LintLevel.ERROR,
            Category.SECURITY,
            "The table has policies but row level security is off, so the policies do nothing and every role with"
                    + " a grant reads and writes every row."),
    RLS_ENABLED_NO_POLICY(8, "rls_enabled_no_policy", "RLS Enabled No Policy", LintLevel.INFO, Category.SECURITY,
            "Row level security is on with no policy, which denies every API role: right for service-only tables,"
                    + " a bug if the app expects users to reach the rows."),
    DUPLICATE_INDEX(9, "duplicate_index", "Duplicate Index", LintLevel.WARN, Category.PERFORMANCE,
            "Two or more indexes have the same definition: each costs space and write time, and only one is ever"
                    + " useful."),
    SECURITY_DEFINER_VIEW(10, "security_definer_view", "Security Definer View", LintLevel.ERROR, Category.SECURITY,
            "The view runs with its owner's rights (no security_invoker), so anon/authenticated reading it bypass the"
                    + " row level security of the tables underneath."),
    FUNCTION_SEARCH_PATH_MUTABLE(11, "function_search_path_mutable", "Function Search Path Mutable", LintLevel.WARN,
            Category.SECURITY,
            "The function has no fixed search_path, so a role that can create objects in a schema on the caller's"
                    + " path can make it call their functions instead of the intended ones."),
    RLS_DISABLED_IN_PUBLIC(13, "rls_disabled_in_public", "RLS Disabled in Public", LintLevel.ERROR, Category.SECURITY,
            "The table is served by the API and readable by anon or authenticated, and row level security is off:"
                    + " anyone holding the public anon key can read (and, with the grants, change) every row."),
    EXTENSION_IN_PUBLIC(14, "extension_in_public", "Extension in Public", LintLevel.WARN, Category.SECURITY,
            "The extension's functions and types live in public, which the API serves and every role searches:"
                    + " they become callable over the API and can shadow or be shadowed by the app's own names."),
    RLS_REFERENCES_USER_METADATA(15, "rls_references_user_metadata", "RLS references user metadata", LintLevel.ERROR,
            Category.SECURITY,
            "The policy trusts user_metadata from the JWT, which every signed-in user can edit about themself."),
    MATERIALIZED_VIEW_IN_API(16, "materialized_view_in_api", "Materialized View in API", LintLevel.WARN,
            Category.SECURITY,
            "A materialized view has no row level security at all: anon or authenticated read every row it holds."),
    FOREIGN_TABLE_IN_API(17, "foreign_table_in_api", "Foreign Table in API", LintLevel.WARN, Category.SECURITY,
            "A foreign table ignores row level security: anon or authenticated read the remote rows unfiltered."),
    UNSUPPORTED_REG_TYPES(18, "unsupported_reg_types", "Unsupported reg types", LintLevel.WARN, Category.SECURITY,
            "A column stores a reg* type holding internal OIDs, which pg_upgrade cannot carry over: the project"
                    + " cannot be upgraded to a new PostgreSQL until it is changed."),
    INSECURE_QUEUE_EXPOSED_IN_API(19, "insecure_queue_exposed_in_api", "Insecure Queue Exposed in API",
            LintLevel.ERROR, Category.SECURITY,
            "A pgmq queue table is reachable through the pgmq_public API schema without row level security: anyone"
                    + " with the anon key can read or consume its messages."),
    TABLE_BLOAT(20, "table_bloat", "Table Bloat", LintLevel.INFO, Category.PERFORMANCE,
            "The table occupies far more pages than its rows need (dead tuples never reclaimed): scans read the"
                    + " waste too."),
    FKEY_TO_AUTH_UNIQUE(21, "fkey_to_auth_unique", "Foreign Key to Auth Unique Constraint", LintLevel.ERROR,
            Category.SECURITY,
            "A foreign key points at a unique constraint in auth that Supabase may change or drop in an upgrade,"
                    + " which would then fail or cascade; reference auth.users (id) instead."),
    EXTENSION_VERSIONS_OUTDATED(22, "extension_versions_outdated", "Extension Versions Outdated", LintLevel.WARN,
            Category.SECURITY,
            "The installed extension is older than the version this server ships as its default, so fixes already"
                    + " on the server are not in use."),
    SENSITIVE_COLUMNS_EXPOSED(23, "sensitive_columns_exposed", "Sensitive Columns Exposed", LintLevel.ERROR,
            Category.SECURITY,
            "An API-exposed table without row level security has columns named like credentials or personal data."),
    RLS_POLICY_ALWAYS_TRUE(24, "rls_policy_always_true", "RLS Policy Always True", LintLevel.WARN, Category.SECURITY,
            "A permissive policy for anon/authenticated/PUBLIC lets writes through unconditionally (USING or WITH"
                    + " CHECK is just true, or an INSERT policy has no WITH CHECK): row level security is not"
                    + " protecting these rows."),
    PUBLIC_BUCKET_ALLOWS_LISTING(25, "public_bucket_allows_listing", "Public Bucket Allows Listing", LintLevel.WARN,
            Category.SECURITY,
            "A public bucket also has a broad SELECT policy on storage.objects, so clients can list every file in it;"
                    + " public URLs work without that policy."),
    PG_GRAPHQL_ANON_TABLE_EXPOSED(26, "pg_graphql_anon_table_exposed", "Public Can See Object in GraphQL Schema",
            LintLevel.WARN, Category.SECURITY,
            "anon can SELECT from the object, so its name, columns and relations show in the GraphQL schema to"
                    + " anyone holding the anon key, even where row level security hides the rows."),
    PG_GRAPHQL_AUTHENTICATED_TABLE_EXPOSED(27, "pg_graphql_authenticated_table_exposed",
            "Signed-In Users Can See Object in GraphQL Schema", LintLevel.WARN, Category.SECURITY,
            "authenticated can SELECT from the object, so its name, columns and relations show in the GraphQL schema"
                    + " to every signed-in user."),
    ANON_SECURITY_DEFINER_FUNCTION_EXECUTABLE(28, "anon_security_definer_function_executable",
            "Public Can Execute SECURITY DEFINER Function", LintLevel.WARN, Category.SECURITY,
            "anon may call a function that runs with its owner's rights (around row level security) through"
                    + " /rest/v1/rpc."),
    AUTHENTICATED_SECURITY_DEFINER_FUNCTION_EXECUTABLE(29, "authenticated_security_definer_function_executable",
            "Signed-In Users Can Execute SECURITY DEFINER Function", LintLevel.WARN, Category.SECURITY,
            "Every signed-in user may call a function that runs with its owner's rights (around row level security)"
                    + " through /rest/v1/rpc."),

    RLS_NOT_FORCED_ON_SECRET_TABLE(0, "rls_not_forced_on_secret_table", "RLS Not Forced on Secret Table",
            LintLevel.WARN, Category.SECURITY,
            "The table holds secret-looking columns and row level security is not FORCED, so its owner (often the"
                    + " role migrations and the SQL editor run as) reads every secret regardless of the policies."),
    POLICY_FOR_BYPASSRLS_ROLE(0, "policy_for_bypassrls_role", "Policy for a BYPASSRLS Role", LintLevel.INFO,
            Category.SECURITY,
            "The policy is aimed only at roles that bypass row level security (BYPASSRLS or superuser), so it is"
                    + " never evaluated: dead code that suggests a restriction that does not exist."),
    SECRET_COLUMNS_GRANTED_TO_API_ROLES(0, "secret_columns_granted_to_api_roles", "Secret Columns Granted to API Roles",
            LintLevel.WARN, Category.SECURITY,
            "anon or authenticated hold SELECT on secret-looking columns: the policies are the only wall left, and"
                    + " one weakened policy hands the secrets to the API.");

    /** splinter's categories. */
    public enum Category {
        SECURITY, PERFORMANCE
    }

    private final int splinterNumber;
    private final String id;
    private final String title;
    private final LintLevel level;
    private final Category category;
    private final String why;

    LintRule(int splinterNumber, String id, String title, LintLevel level, Category category, String why) {
        this.splinterNumber = splinterNumber;
        this.id = id;
        this.title = title;
        this.level = level;
        this.category = category;
        this.why = why;
    }

    /** splinter's lint name: the stable snake_case id used on the CLI and in JSON. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public LintLevel level() {
        return level;
    }

    /** splinter's categories array (every lint has exactly one today). */
    public List<String> categories() {
        return List.of(category.name());
    }

    /** splinter's facing: every lint here faces the project's users. */
    public String facing() {
        return "EXTERNAL";
    }

    public String why() {
        return why;
    }

    /** Whether splinter has this lint (false for the console's own three). */
    public boolean fromSplinter() {
        return splinterNumber > 0;
    }

    /** The Supabase documentation page of a splinter lint, as splinter links it; null for the console's own. */
    public String documentation() {
        if (!fromSplinter()) {
            return null;
        }
        String anchor = this == UNSUPPORTED_REG_TYPES ? id
                : this == RLS_POLICY_ALWAYS_TRUE ? "0024_permissive_rls_policy"
                : String.format("%04d_%s", splinterNumber, id);
        return "https://supabase.com/docs/guides/database/database-linter?lint=" + anchor;
    }

    public static LintRule byId(String id) {
        for (LintRule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown lint " + id);
    }

    /** The splinter lints, in splinter's order. */
    public static List<LintRule> splinterLints() {
        return java.util.Arrays.stream(values()).filter(LintRule::fromSplinter).toList();
    }
}

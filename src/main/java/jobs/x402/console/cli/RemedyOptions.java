package jobs.x402.console.cli;

import jobs.x402.console.core.OperatorException;

/**
 * The CLI's face of a neutral remedy: the options or commands that carry an action out. The engine's sentence says
 * what to do; this adds how, in the CLI's words ("name a backup file … (--backup FILE, or --no-backup --confirm db)").
 */
final class RemedyOptions {
    private RemedyOptions() {
    }

    /** The remedy sentence with the action's options after it, or the sentence alone when the action has none. */
    static String render(OperatorException failure) {
        return withOptions(failure.remedy(), options(failure));
    }

    static String withOptions(String remedy, String options) {
        if (options.isEmpty()) {
            return remedy;
        }
        return (remedy.isEmpty() ? "" : remedy + " ") + "(" + options + ")";
    }

    static String options(OperatorException failure) {
        String database = detail(failure, "database", "DATABASE");
        String user = detail(failure, "user", "UUID");
        return switch (failure.action()) {
            case NONE -> "";
            case CHOOSE_SCHEMA_VARIANT -> "--schema-variant seed|shipped";
            case REPAIR_SUPABASE_HISTORY -> "migration rollback --repair-supabase-history --yes";
            case CONFIRM -> "--yes";
            case CONFIRM_DATABASE_NAME -> "--yes --confirm " + database;
            case PROVIDE_BACKUP -> "--backup FILE, or --no-backup --confirm " + database;
            case PROVIDE_ROLLBACK_BACKUP -> "a file that `migration rollback --backup FILE` wrote";
            case ALLOW_OTHER_TARGET -> "--from-other-target";
            case SKIP_MISSING_ROWS -> "--skip-missing";
            case APPLY_MIGRATION -> "`migration preview`, then `migration apply --yes`";
            case ADOPT_MIGRATION -> "`migration adopt --yes`";
            case SHOW_MIGRATION_STATUS -> "`migration status`";
            case DRY_RUN_MIGRATION -> "`migration dry-run`";
            case SHOW_LOCKS -> "`migration locks`";
            case RELEASE_STALE_LOCK -> "`migration locks`, then `migration locks --release --yes`";
            case SET_SECRET_SOURCE -> "export " + detail(failure, "variable", "INTEGRATION_ENCRYPTION_SECRET")
                    + ", or --secret-env VAR";
            case SET_KEY -> "`keys set --user " + user + " --key-stdin`";
            case ENABLE_KEY -> "`keys enable --user " + user + "`";
            case SCAN_KEYS -> "`keys scan --secret-env OLD_VAR`, then `keys scan --secret-env NEW_VAR`";
            case EXCLUDE_UNDECRYPTABLE -> "--exclude-undecryptable";
            case PROBE_AS_ROLE -> "--as role:NAME";
            case PROBE_TABLE -> "`rls probe --table " + detail(failure, "table", "TABLE") + "`";
            case EDIT_RESOURCE -> "`resources update`";
            case SHOW_RESOURCE -> "`resources show`";
            case SET_RESOURCE_MODEL -> "`models sync`, then `resources update --model ID`";
            case LIST_INSTANT_RESOURCES -> "`resources list --type openrouter_instant`";
            case NAME_SERVER -> "--server SLUG";
            case GIVE_PARAMETER -> "--param " + detail(failure, "parameter", "NAME") + "=VALUE";
            case SHOW_RUN_HISTORY -> "`resources history`";
            case SYNC_MODELS -> "`models sync`";
            case CREATE_VAULT -> "`vault create`";
            case START_SANDBOX -> "`sandbox start`";
            case RESET_SANDBOX -> "`sandbox reset --yes`";
            case LIST_RLS_TABLES -> "`rls report`";
            case PREVIEW_HARDENING -> "`rls harden --preview`";
            case ROLL_BACK_HARDENING -> "`rls harden --rollback --yes`";
        };
    }

    private static String detail(OperatorException failure, String key, String placeholder) {
        String value = failure.actionDetail(key);
        return value == null || value.isBlank() ? placeholder : value;
    }
}

package jobs.x402.console.core;

/**
 * What an operator does about a failure, named without the words of either face: the CLI renders an action as its
 * options and commands, the window as its buttons and fields. The remedy sentence beside it says the same thing in
 * neutral words, so a face that knows no rendering still shows something true. Details an action needs (which
 * database, which user) travel in {@link OperatorException#actionDetail(String)} under the keys named here.
 */
public enum RemedyAction {
    /** Nothing beyond the remedy sentence. */
    NONE,
    /** The target's schema variant is ambiguous or wrong: choose seed or shipped for it. */
    CHOOSE_SCHEMA_VARIANT,
    /** Repair the Supabase CLI's migration history (forget 005's version) after a rollback. */
    REPAIR_SUPABASE_HISTORY,
    /** Say yes to the change shown. */
    CONFIRM,
    /** Say yes and type the database's name ({@code database}). */
    CONFIRM_DATABASE_NAME,
    /** Name a file for the rollback backup, or waive it by typing the database's name ({@code database}). */
    PROVIDE_BACKUP,
    /** Give a backup file that a rollback wrote. */
    PROVIDE_ROLLBACK_BACKUP,
    /** Accept a backup taken from another database. */
    ALLOW_OTHER_TARGET,
    /** Restore the rest and skip rows whose user, resource or model is gone. */
    SKIP_MISSING_ROWS,
    /** Apply migration 005 (after its preview). */
    APPLY_MIGRATION,
    /** Record a hand-applied 005 as applied. */
    ADOPT_MIGRATION,
    /** Read migration 005's status and its evidence. */
    SHOW_MIGRATION_STATUS,
    /** Run the migration as a dry run to see the failing statement. */
    DRY_RUN_MIGRATION,
    /** See who holds the migration locks. */
    SHOW_LOCKS,
    /** Release a stale Liquibase lock once its holder is known to be gone. */
    RELEASE_STALE_LOCK,
    /** Say where the integration secret comes from ({@code variable}: the variable that was tried). */
    SET_SECRET_SOURCE,
    /** Store an OpenRouter key for the creator ({@code user}). */
    SET_KEY,
    /** Enable the creator's stored key ({@code user}). */
    ENABLE_KEY,
    /** Scan the keys once under the old and once under the new secret. */
    SCAN_KEYS,
    /** Rotate the others and leave the undecryptable rows as they are. */
    EXCLUDE_UNDECRYPTABLE,
    /** Probe a table with an existing role ({@code table}). */
    PROBE_AS_ROLE,
    /** Run a plain persona matrix on a table ({@code table}). */
    PROBE_TABLE,
    /** Rewrite the resource's config or columns in the editor. */
    EDIT_RESOURCE,
    /** Show the resource with all its findings. */
    SHOW_RESOURCE,
    /** Choose the resource's model ({@code resource}). */
    SET_RESOURCE_MODEL,
    /** List the openrouter_instant resources. */
    LIST_INSTANT_RESOURCES,
    /** Say which server the resource belongs to. */
    NAME_SERVER,
    /** Give a value for a prompt parameter ({@code parameter}). */
    GIVE_PARAMETER,
    /** List the test runs kept on this machine. */
    SHOW_RUN_HISTORY,
    /** Fill the model catalog from OpenRouter. */
    SYNC_MODELS,
    /** Create the local vault that keeps the integration secret. */
    CREATE_VAULT,
    /** Start the sandbox database. */
    START_SANDBOX,
    /** Rebuild the sandbox database from scratch. */
    RESET_SANDBOX,
    /** List the tables outside the system schemas with their RLS state. */
    LIST_RLS_TABLES,
    /** Show where 005's objects stand for the hardening, and its SQL. */
    PREVIEW_HARDENING,
    /** Roll the hardening back, restoring 005's definitions. */
    ROLL_BACK_HARDENING
}

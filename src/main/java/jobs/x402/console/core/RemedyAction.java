package jobs.x402.console.core;

/**
 * What an operator does about a failure, named without the words of either face: the CLI renders an action as its
 * options, the window as its buttons and fields. (The first of the neutral remedies DESIGN.md asks for; the older
 * remedies are still sentences.)
 */
public enum RemedyAction {
    /** Nothing beyond the remedy sentence. */
    NONE,
    /** The target's schema variant is ambiguous or wrong: choose seed or shipped for it. */
    CHOOSE_SCHEMA_VARIANT,
    /** Repair the Supabase CLI's migration history (forget 005's version) after a rollback. */
    REPAIR_SUPABASE_HISTORY
}

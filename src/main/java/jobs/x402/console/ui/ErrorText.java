package jobs.x402.console.ui;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.RemedyAction;

/**
 * Turns any failure into the two lines the UI shows: what failed, and what to do. The engine's remedy is neutral;
 * the window adds where its own control for the action is (the CLI adds its options instead).
 *
 * @param action the neutral action, for a page that offers its own button for it
 */
public record ErrorText(String problem, String remedy, RemedyAction action) {

    public ErrorText(String problem, String remedy) {
        this(problem, remedy, RemedyAction.NONE);
    }

    public static ErrorText of(Throwable failure) {
        Throwable t = failure;
        while (t != null) {
            if (t instanceof OperatorException operator) {
                return new ErrorText(operator.problem(), withControl(operator.remedy(), control(operator)),
                        operator.action());
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new ErrorText(message, "see the log file for details");
    }

    static String withControl(String remedy, String control) {
        if (control.isEmpty()) {
            return remedy;
        }
        return (remedy.isEmpty() ? "" : remedy + " ") + "(" + control + ")";
    }

    /** Where the window's control for the action is, in the words on its buttons and menus. */
    static String control(OperatorException failure) {
        return switch (failure.action()) {
            case NONE, CONFIRM, CONFIRM_DATABASE_NAME, PROVIDE_BACKUP, PROVIDE_ROLLBACK_BACKUP, SKIP_MISSING_ROWS,
                 ALLOW_OTHER_TARGET, NAME_SERVER, GIVE_PARAMETER, PROBE_AS_ROLE -> ""; // the dialog in front asks
            case CHOOSE_SCHEMA_VARIANT -> "Connect… → Schema";
            case REPAIR_SUPABASE_HISTORY -> "Migration → Repair CLI history…";
            case APPLY_MIGRATION -> "Migration → Preview, then Apply…";
            case ADOPT_MIGRATION -> "Migration → Adopt…";
            case SHOW_MIGRATION_STATUS -> "Migration → Refresh";
            case DRY_RUN_MIGRATION -> "Migration → Dry run";
            case SHOW_LOCKS -> "Migration → Locks";
            case RELEASE_STALE_LOCK -> "Migration → Locks → Release stale lock…";
            case SET_SECRET_SOURCE -> "the page's Integration secret: type it, or name the variable that holds it";
            case SET_KEY -> "Keys → Set key…";
            case ENABLE_KEY -> "Keys → Enable";
            case SCAN_KEYS -> "Keys → Health scan, once with each secret";
            case EXCLUDE_UNDECRYPTABLE -> "Keys → Rotate secret…, leaving the undecryptable rows out";
            case PROBE_TABLE -> "RLS → Probe";
            case EDIT_RESOURCE -> "Resources → editor, then Save";
            case SET_RESOURCE_MODEL -> "Resources → Sync models, then the editor's Model";
            case SHOW_RESOURCE -> "Resources → editor → Check";
            case LIST_INSTANT_RESOURCES -> "Resources → Type: openrouter_instant";
            case SHOW_RUN_HISTORY -> "Resources → History tab";
            case SYNC_MODELS -> "Resources → Sync models";
            case CREATE_VAULT -> "Keys → Integration secret → Create the vault…";
            case START_SANDBOX -> "Connect… → Open sandbox";
            case RESET_SANDBOX -> "Connect… → Reset sandbox…";
            case LIST_RLS_TABLES -> "Row Level Security → Refresh";
            case PREVIEW_HARDENING, ROLL_BACK_HARDENING -> "Row Level Security → Access matrix → Harden 005… / Roll back"
                    + " hardening…";
        };
    }
}

package jobs.x402.console.core;

/**
 * What the operator confirmed for one change, typed rather than a loose boolean: nothing, a plain yes, or a yes
 * together with the database name they typed (the irreversible changes ask for that). The window builds it from its
 * dialog, the CLI from --yes and --confirm; the service decides whether it is enough.
 *
 * @param yes            the operator said yes
 * @param typedDatabase  the database name they typed, or null when none was asked for
 */
public record Confirmation(boolean yes, String typedDatabase) {
    private static final Confirmation NONE = new Confirmation(false, null);
    private static final Confirmation YES = new Confirmation(true, null);

    /** No confirmation: a service refuses every change that needs one. */
    public static Confirmation none() {
        return NONE;
    }

    /** A plain yes: enough for the changes that can be undone. */
    public static Confirmation given() {
        return YES;
    }

    /** A yes with the database name typed; {@code typedDatabase} may be wrong, the service compares it. */
    public static Confirmation given(String typedDatabase) {
        return new Confirmation(true, typedDatabase);
    }

    /** Only a typed name, without a yes (the CLI's --confirm alone): enough to waive a backup, not to change. */
    public static Confirmation typedOnly(String typedDatabase) {
        return new Confirmation(false, typedDatabase);
    }

    public static Confirmation of(boolean yes) {
        return yes ? YES : NONE;
    }

    /** A yes that names exactly this database. */
    public boolean names(String database) {
        return yes && database != null && database.equals(typedDatabase);
    }

    /** The typed name matches, with or without a yes. */
    public boolean typed(String database) {
        return database != null && database.equals(typedDatabase);
    }
}

package jobs.x402.console.keys;

/** The keys page's filters; all but {@link #UNDECRYPTABLE} run in SQL, that one needs the secret. */
public enum KeyFilter {
    ALL("All keys"),
    INVALID("Invalid"),
    DISABLED("Disabled"),
    NEVER_VERIFIED("Never verified"),
    UNDECRYPTABLE("Undecryptable");

    private final String title;

    KeyFilter(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    @Override
    public String toString() {
        return title;
    }
}

package jobs.x402.console.rls;

/** What a probe tries as the persona; the "other user" ones exist only when the table has an owner column. */
public enum ProbeOperation {
    SELECT("SELECT", "read the rows it can see"),
    INSERT("INSERT", "insert a row (its own when it is a user)"),
    INSERT_FOR_OTHER_USER("INSERT for another user", "insert a row owned by another user"),
    UPDATE("UPDATE", "update every row it can reach (a no-op write)"),
    UPDATE_MOVE_TO_OTHER_USER("UPDATE owner to another user", "hand its own row to another user"),
    DELETE("DELETE", "delete every row it can reach");

    private final String label;
    private final String meaning;

    ProbeOperation(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }
}

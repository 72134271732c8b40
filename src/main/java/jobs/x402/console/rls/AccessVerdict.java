package jobs.x402.console.rls;

/** One cell of the access matrix: what a persona may do with the rows of a table, as the database answered. */
public enum AccessVerdict {
    /** It reached every seeded row the operation could touch, its own and others'. */
    ALLOWED("allowed"),
    /** A signed-in user reached its own rows and none of another user's. */
    OWN_ROWS_ONLY("own rows only"),
    /** It reached some seeded rows and not others, in a way "own rows" does not explain. */
    PARTIAL("some rows"),
    /** No row: refused by a grant, by a policy, or every row hidden by USING. */
    DENIED("denied"),
    /** The cell could not be checked (the persona could not be assumed, no fixture row); the reason says why. */
    NOT_RUN("not run"),
    /** The statement failed for another reason (a policy expression that errors, a constraint, a timeout). */
    FAILED("failed");

    private final String text;

    AccessVerdict(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}

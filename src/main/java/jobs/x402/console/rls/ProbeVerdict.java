package jobs.x402.console.rls;

/** How the database answered one probe statement. */
public enum ProbeVerdict {
    /** The statement ran; the row counts say how much it saw or touched (0 can mean USING hid every row). */
    ALLOWED("allowed"),
    /** SQLSTATE 42501 "new row violates row-level security policy". */
    DENIED_BY_POLICY("denied by policy"),
    /** SQLSTATE 42501 "permission denied": no grant, checked before any policy. */
    DENIED_BY_GRANT("denied by grant"),
    /** RLS let the row through but a constraint (unique, foreign key, not null, check) refused it. */
    REJECTED_BY_CONSTRAINT("rejected by constraint"),
    /** Something else failed: a policy expression that errors, a timeout, a table dropped meanwhile. */
    FAILED("failed"),
    /** Not applicable, or its preparation could not be done; the message says why. */
    SKIPPED("skipped");

    private final String text;

    ProbeVerdict(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean denied() {
        return this == DENIED_BY_POLICY || this == DENIED_BY_GRANT;
    }
}

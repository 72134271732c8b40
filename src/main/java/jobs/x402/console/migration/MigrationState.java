package jobs.x402.console.migration;

/** Where a target stands with migration 005, judged from DATABASECHANGELOG and from the catalog together. */
public enum MigrationState {
    /** No record and none of 005's objects: apply can run. */
    PENDING("pending"),
    /** Recorded (by the console, or by the Supabase CLI), and every object matches the specification. */
    APPLIED("applied"),
    /** Every object matches but nothing records it (pasted by hand in the SQL editor): adopt records it. */
    APPLIED_WITHOUT_RECORD("applied without a record"),
    /** No record and only some objects present, or present but different: neither apply nor adopt is safe. */
    PARTLY_APPLIED("partly applied"),
    /** Recorded, but objects are missing or differ from the specification. */
    DRIFTED("drifted");

    private final String label;

    MigrationState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package jobs.x402.console.rls;

/** The four columns of the access matrix per persona. */
public enum MatrixOperation {
    SELECT, INSERT, UPDATE, DELETE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

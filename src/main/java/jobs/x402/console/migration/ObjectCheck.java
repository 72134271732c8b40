package jobs.x402.console.migration;

/**
 * One object of migration 005 compared with the specification, with the evidence read from the catalog.
 *
 * @param kind     table, column, policy, index, function, trigger, foreign key, check, …
 * @param expected what the specification says, in the catalog's own words
 * @param actual   what the catalog holds ("absent" when the object is not there)
 */
public record ObjectCheck(String kind, String name, Finding finding, String expected, String actual) {

    public enum Finding {
        /** Present exactly as 005 builds it. */
        MATCHES,
        /** In the state from before 005 (missing, or the five-value check). */
        ABSENT,
        /** Present, but neither as 005 builds it nor as it was before. */
        DIFFERENT
    }

    public boolean matches() {
        return finding == Finding.MATCHES;
    }
}

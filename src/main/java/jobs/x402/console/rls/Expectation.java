package jobs.x402.console.rls;

/**
 * One promise the policies must keep, checked against a probe.
 *
 * @param evidence what the database answered, so a failure can be read without rerunning anything
 */
public record Expectation(String persona, String promise, boolean passed, String evidence) {
}

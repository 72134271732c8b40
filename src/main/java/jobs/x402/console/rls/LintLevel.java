package jobs.x402.console.rls;

/** Severity as splinter grades it: ERROR is a hole, WARN a risk or a slowdown, INFO worth knowing. */
public enum LintLevel {
    ERROR, WARN, INFO;

    /** Whether a finding at this level counts when the operator asked to fail at {@code threshold} or worse. */
    public boolean atLeast(LintLevel threshold) {
        return ordinal() <= threshold.ordinal();
    }
}

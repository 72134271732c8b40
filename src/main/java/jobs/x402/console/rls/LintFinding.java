package jobs.x402.console.rls;

/**
 * One thing a lint found.
 *
 * @param object         what it is about, e.g. "public.t", "public.t · policy \"p\"", "public.f()"
 * @param detail         the specific fact on this object
 * @param remediationSql SQL that fixes it (comment lines where a choice is the operator's)
 * @param key            stable across runs: what an operator puts on the suppression list
 * @param suppressed     the operator suppressed this key on this target
 */
public record LintFinding(LintRule rule, LintLevel level, String object, String detail, String remediationSql,
                          String key, boolean suppressed) {

    public String why() {
        return rule.why();
    }

    public LintFinding withSuppressed(boolean value) {
        return new LintFinding(rule, level, object, detail, remediationSql, key, value);
    }
}

package jobs.x402.console.rls;

/**
 * One thing a lint found.
 *
 * @param object         what it is about, e.g. "public.t", "public.t · policy \"p\"", "function public.f()"
 * @param detail         the specific fact on this object
 * @param remediationSql SQL that fixes it (comment lines where a choice is the operator's)
 * @param key            splinter's cache_key for splinter's lints (the same text, so a suppression list works in
 *                       both tools); the console's own lints follow the same shape
 * @param formerKey      the key an older console gave the same finding (null when unchanged), so suppressions
 *                       saved then still apply
 * @param suppressed     the operator suppressed this key on this target
 */
public record LintFinding(LintRule rule, LintLevel level, String object, String detail, String remediationSql,
                          String key, String formerKey, boolean suppressed) {

    public String why() {
        return rule.why();
    }

    public LintFinding withSuppressed(boolean value) {
        return new LintFinding(rule, level, object, detail, remediationSql, key, formerKey, value);
    }
}

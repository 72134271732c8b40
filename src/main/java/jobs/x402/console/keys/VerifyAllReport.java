package jobs.x402.console.keys;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A verify-all batch: every key's result, and whether the operator stopped it early. */
public record VerifyAllReport(List<VerificationResult> results, boolean cancelled) {
    public VerifyAllReport {
        results = List.copyOf(results);
    }

    public Map<KeyVerdict, Long> counts() {
        Map<KeyVerdict, Long> counts = new EnumMap<>(KeyVerdict.class);
        results.forEach(r -> counts.merge(r.verdict(), 1L, Long::sum));
        return counts;
    }

    public boolean allGood() {
        return !cancelled && results.stream().noneMatch(r -> r.verdict().isProblem());
    }
}

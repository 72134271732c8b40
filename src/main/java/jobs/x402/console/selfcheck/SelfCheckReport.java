package jobs.x402.console.selfcheck;

import java.util.List;

/** Every check's outcome in the order they ran. */
public record SelfCheckReport(List<CheckResult> checks, long totalMillis) {
    public SelfCheckReport {
        checks = List.copyOf(checks);
    }

    public boolean ok() {
        return checks.stream().allMatch(CheckResult::ok);
    }

    public List<CheckResult> failures() {
        return checks.stream().filter(c -> !c.ok()).toList();
    }
}

package jobs.x402.console.keys;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every row of one key column and how it decrypts with the loaded secret. */
public record HealthReport(EncryptedKeyTable table, List<RowHealth> rows) {
    public HealthReport {
        rows = List.copyOf(rows);
    }

    public long total() {
        return rows.size();
    }

    public List<RowHealth> unhealthy() {
        // the most urgent first: a key stored in clear is readable by anyone who can read the table
        return rows.stream().filter(r -> !r.healthy())
                .sorted(java.util.Comparator.comparing(r -> r.status() == DecryptStatus.STORED_IN_CLEAR ? 0 : 1))
                .toList();
    }

    public boolean healthy() {
        return rows.stream().allMatch(RowHealth::healthy);
    }

    public Map<DecryptStatus, Long> countsByStatus() {
        Map<DecryptStatus, Long> counts = new EnumMap<>(DecryptStatus.class);
        rows.forEach(r -> counts.merge(r.status(), 1L, Long::sum));
        return counts;
    }
}

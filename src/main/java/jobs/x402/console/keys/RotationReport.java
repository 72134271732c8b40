package jobs.x402.console.keys;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A committed rotation: rows re-encrypted per table, rows left alone on the operator's word, and the health scan
 * with the new secret that followed the commit.
 */
public record RotationReport(Map<EncryptedKeyTable, Integer> rotated, List<UndecryptableRow> excluded,
                             List<HealthReport> scanAfter, long millis) {
    public RotationReport {
        rotated = Map.copyOf(rotated);
        excluded = List.copyOf(excluded);
        scanAfter = List.copyOf(scanAfter);
    }

    public int rotatedRows() {
        return rotated.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * True when every row decrypts with the new secret, except exactly the excluded ones. A row that decrypts to
     * text that is no key counts as decrypting: rotation keeps values as they were, it does not judge them.
     */
    public boolean verifiedAfter() {
        for (HealthReport report : scanAfter) {
            Set<UUID> expectedBad = excluded.stream().filter(r -> r.table().equals(report.table()))
                    .map(UndecryptableRow::userId).collect(Collectors.toSet());
            Set<UUID> bad = report.unhealthy().stream()
                    .filter(r -> r.status().category() != DecryptStatus.Category.NOT_A_KEY)
                    .map(RowHealth::userId).collect(Collectors.toSet());
            if (!bad.equals(expectedBad)) {
                return false;
            }
        }
        return true;
    }
}

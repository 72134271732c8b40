package jobs.x402.console.keys;

import java.util.List;

/** What a rotation would touch, read before anything changes: each table's rows and those that do not decrypt. */
public record RotationPlan(List<HealthReport> tables) {
    public RotationPlan {
        tables = List.copyOf(tables);
    }

    public long rows() {
        return tables.stream().mapToLong(HealthReport::total).sum();
    }

    public List<UndecryptableRow> undecryptable() {
        return tables.stream().flatMap(t -> t.unhealthy().stream()
                .map(r -> new UndecryptableRow(t.table(), r.userId(), r.status()))).toList();
    }
}

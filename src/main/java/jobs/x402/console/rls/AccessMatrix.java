package jobs.x402.console.rls;

import java.time.Instant;
import java.util.List;

/**
 * The access matrix: for each API-exposed table, what each persona may select, insert, update and delete, proved by
 * statements run inside a transaction that was rolled back.
 *
 * @param owner         the fixture user called "owner"
 * @param other         the fixture user called "other user"
 * @param userFixture   the statements that created both in auth.users (empty where there is no auth.users)
 */
public record AccessMatrix(String targetBanner, Instant ranAt, long millis, List<MatrixPersona> personas,
                           java.util.UUID owner, java.util.UUID other, List<String> userFixture,
                           List<TableAccess> tables) {
    public AccessMatrix {
        personas = List.copyOf(personas);
        userFixture = List.copyOf(userFixture);
        tables = List.copyOf(tables);
    }

    /**
     * One row of the matrix.
     *
     * @param ownerColumn the column that says whose row it is (a foreign key to auth.users, or user_id); null if none
     * @param fixture     the statements that created the rows the cells looked for, as the operator
     * @param notes       what the check could not do on this table, in words
     */
    public record TableAccess(String table, String ownerColumn, List<String> fixture, List<AccessCell> cells,
                              List<String> notes) {
        public TableAccess {
            fixture = List.copyOf(fixture);
            cells = List.copyOf(cells);
            notes = List.copyOf(notes);
        }

        public AccessCell cell(String persona, MatrixOperation operation) {
            return cells.stream().filter(c -> c.persona().equals(persona) && c.operation() == operation).findFirst()
                    .orElse(null);
        }
    }

    /**
     * Cells that failed or could not be checked, leaving out those of a role found only in the policies that the
     * operator cannot assume (they say why, but are not the operator's to fix here): the CLI exits 1 on any.
     */
    public long problems() {
        java.util.Set<String> optional = new java.util.HashSet<>();
        personas.stream().filter(MatrixPersona::optional).forEach(p -> optional.add(p.label()));
        return tables.stream().flatMap(t -> t.cells().stream())
                .filter(c -> c.verdict() == AccessVerdict.FAILED
                        || c.verdict() == AccessVerdict.NOT_RUN && !optional.contains(c.persona())).count();
    }
}

package jobs.x402.console.rls;

import java.util.ArrayList;
import java.util.List;

/**
 * The access matrix as a pgTAP suite: one transaction that creates the same users and rows the matrix used, asserts
 * every answer the matrix got through the same helper, and rolls back. It runs unchanged under pg_prove and as a file
 * of supabase/tests/ (supabase test db), and fails as soon as a policy answers differently.
 */
public final class PgTapSuite {
    private PgTapSuite() {
    }

    /** The suite's text and how many assertions it plans. */
    public record Suite(String sql, int assertions, List<String> notChecked) {
    }

    public static Suite of(AccessMatrix matrix, String writtenBy) {
        List<String> assertions = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        StringBuilder fixtures = new StringBuilder();
        for (AccessMatrix.TableAccess table : matrix.tables()) {
            if (table.fixture().isEmpty()) {
                notChecked.add(table.table() + ": " + String.join("; ", table.notes()));
                continue;
            }
            fixtures.append("\n-- rows for ").append(table.table()).append(table.ownerColumn() == null ? ""
                    : " (owner column " + table.ownerColumn() + ")").append('\n');
            table.fixture().forEach(sql -> fixtures.append(sql).append(";\n"));
            for (AccessCell cell : table.cells()) {
                if (cell.verdict() == AccessVerdict.NOT_RUN) {
                    notChecked.add(table.table() + " · " + cell.persona() + " · " + cell.operation().label() + ": "
                            + cell.reason());
                    continue;
                }
                int n = 0;
                for (MatrixStep step : cell.steps()) {
                    String description = cell.persona() + " " + cell.operation().label() + " " + table.table()
                            + (cell.steps().size() > 1 ? (n++ == 0 ? " (own row)" : " (other user's row)") : "")
                            + ": " + cell.verdict().text();
                    if (step.failed()) {
                        assertions.add("select matches(" + step.call() + ", " + RlsSql.literal("^error "
                                + step.sqlState()) + ", " + RlsSql.literal(description + ", SQLSTATE "
                                + step.sqlState()) + ");");
                    } else {
                        assertions.add("select is(" + step.call() + ", " + RlsSql.literal(step.answer()) + ", "
                                + RlsSql.literal(description + ", answers " + step.answer()) + ");");
                    }
                }
            }
        }
        StringBuilder sql = new StringBuilder();
        sql.append("-- Row level security access matrix as a pgTAP suite, written by ").append(writtenBy).append('\n')
                .append("-- from ").append(matrix.targetBanner()).append(" at ").append(matrix.ranAt()).append(".\n")
                .append("-- Run it with pg_prove (pg_prove -d DATABASE this-file.sql) or put it in supabase/tests/")
                .append(" (supabase test db).\n")
                .append("-- It creates its own users and rows inside its transaction and rolls everything back;")
                .append(" each\n-- assertion runs one statement as the persona through pg_temp.x402_as, which undoes")
                .append(" it at once.\n");
        notChecked.forEach(n -> sql.append("-- not checked: ").append(n.replace('\n', ' ')).append('\n'));
        sql.append("begin;\n")
                .append("create extension if not exists pgtap with schema extensions;\n")
                .append("set local search_path = extensions, public;\n")
                .append("select plan(").append(assertions.size()).append(");\n\n")
                .append(MatrixStep.HELPER).append(";\n\n-- the two signed-in users: owner ").append(matrix.owner())
                .append(", other user ").append(matrix.other()).append('\n');
        matrix.userFixture().forEach(s -> sql.append(s).append(";\n"));
        sql.append(fixtures).append('\n');
        assertions.forEach(a -> sql.append(a).append('\n'));
        sql.append("\nselect * from finish();\nrollback;\n");
        return new Suite(sql.toString(), assertions.size(), notChecked);
    }
}

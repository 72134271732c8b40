package jobs.x402.console.rls;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The promises a per-user secrets table must keep (migration 005's user_openrouter_integrations, or 002's
 * x402_user_claude_configs): anon sees and writes nothing; a user sees and changes only their own row and cannot
 * insert or move a row to another user; the service role sees everything. Judged on live probes, all rolled back.
 */
public final class ExpectationSuite {
    /** The table migration 005 creates, as the target's variant names it; the suite runs on it by default. */
    public static String keyTable(jobs.x402.console.target.SchemaVariant variant) {
        return variant.qualifiedKeyTable();
    }

    private final PolicyProbe probe;

    public ExpectationSuite(PolicyProbe probe) {
        this.probe = probe;
    }

    /**
     * @param userId the user to act as; null picks the oldest auth.users row
     */
    public ExpectationReport run(String table, UUID userId, ProgressListener progress) {
        UUID user = userId != null ? userId : probe.firstUser().orElseThrow(() -> OperatorException.refused(
                "auth.users has no user to act as on " + probe.session().identity().bannerLine(),
                "create a user first (the sandbox's demo data has five)"));
        ProbeMatrix matrix = probe.probe(table, List.of(Persona.anon(), Persona.user(user), Persona.serviceRole()),
                progress);
        if (matrix.ownerColumn() == null) {
            throw OperatorException.usage("Table " + matrix.table() + " has no owner column (a foreign key to"
                            + " auth.users or a column named user_id), so \"own row\" means nothing there",
                    "run a plain persona matrix on " + matrix.table() + " instead")
                    .withAction(jobs.x402.console.core.RemedyAction.PROBE_TABLE, "table", matrix.table());
        }
        List<Expectation> expectations = new ArrayList<>();
        PersonaProbe anon = matrix.personas().get(0);
        PersonaProbe self = matrix.personas().get(1);
        PersonaProbe service = matrix.personas().get(2);

        expect(expectations, anon, ProbeOperation.SELECT, "sees no row", a -> a.denied() || zero(a.rows()));
        expect(expectations, anon, ProbeOperation.INSERT, "cannot insert", a -> a.denied());
        expect(expectations, anon, ProbeOperation.UPDATE, "updates no row", a -> a.denied() || zero(a.rows()));
        expect(expectations, anon, ProbeOperation.DELETE, "deletes no row", a -> a.denied() || zero(a.rows()));

        expect(expectations, self, ProbeOperation.SELECT, "sees their own row", a -> allowed(a) && positive(a.ownRows()));
        expect(expectations, self, ProbeOperation.SELECT, "sees no other user's row",
                a -> a.denied() || (allowed(a) && zero(a.otherRows())));
        expect(expectations, self, ProbeOperation.INSERT, "can insert their own row", ExpectationSuite::allowed);
        expect(expectations, self, ProbeOperation.INSERT_FOR_OTHER_USER, "cannot insert a row for another user",
                a -> a.denied());
        expect(expectations, self, ProbeOperation.UPDATE, "can update their own row",
                a -> allowed(a) && positive(a.ownRows()));
        expect(expectations, self, ProbeOperation.UPDATE, "cannot update another user's row",
                a -> a.denied() || (allowed(a) && zero(a.otherRows())));
        expect(expectations, self, ProbeOperation.UPDATE_MOVE_TO_OTHER_USER, "cannot move their row to another user",
                a -> a.denied() || (allowed(a) && zero(a.rows())));
        expect(expectations, self, ProbeOperation.DELETE, "can delete their own row",
                a -> allowed(a) && positive(a.ownRows()));
        expect(expectations, self, ProbeOperation.DELETE, "cannot delete another user's row",
                a -> a.denied() || (allowed(a) && zero(a.otherRows())));

        Long all = service.rowsAsOperator();
        expect(expectations, service, ProbeOperation.SELECT, "sees every row",
                a -> allowed(a) && a.rows() != null && a.rows().equals(all));
        expect(expectations, service, ProbeOperation.INSERT, "can insert", ExpectationSuite::allowed);
        expect(expectations, service, ProbeOperation.UPDATE, "can update every row",
                a -> allowed(a) && a.rows() != null && a.rows().equals(all));
        expect(expectations, service, ProbeOperation.DELETE, "can delete every row",
                a -> allowed(a) && a.rows() != null && a.rows().equals(all));
        return new ExpectationReport(matrix.table(), matrix.ownerColumn(), user, matrix.otherUserId(), expectations,
                matrix);
    }

    private static void expect(List<Expectation> expectations, PersonaProbe persona, ProbeOperation operation,
                               String promise, Predicate<ProbeAttempt> holds) {
        String who = persona.persona().label();
        if (!persona.ran()) {
            expectations.add(new Expectation(who, promise, false, "could not act as " + who + ": "
                    + persona.problem() + " Fix: " + persona.fix()));
            return;
        }
        ProbeAttempt attempt = persona.attempt(operation).orElse(null);
        if (attempt == null || attempt.verdict() == ProbeVerdict.SKIPPED) {
            expectations.add(new Expectation(who, promise, false, operation.label() + " was not run"
                    + (attempt == null ? "" : ": " + attempt.message())));
            return;
        }
        String evidence = operation.label() + ": " + attempt.summary()
                + (persona.rowsAsOperator() == null ? "" : " [table holds " + persona.rowsAsOperator() + " rows]");
        expectations.add(new Expectation(who, promise, holds.test(attempt), evidence));
    }

    private static boolean allowed(ProbeAttempt attempt) {
        return attempt.verdict() == ProbeVerdict.ALLOWED;
    }

    private static boolean zero(Long value) {
        return value != null && value == 0;
    }

    private static boolean positive(Long value) {
        return value != null && value > 0;
    }
}

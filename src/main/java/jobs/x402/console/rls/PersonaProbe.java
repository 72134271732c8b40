package jobs.x402.console.rls;

import java.util.List;
import java.util.Optional;

/**
 * The probes run as one persona: a row of the matrix.
 *
 * @param problem        why the persona could not be assumed (null when it ran)
 * @param fix            what to do about it, e.g. the exact GRANT that is missing
 * @param rowsAsOperator rows in the table as the operator saw them inside the probe transaction (after seeding)
 * @param notes          what the probe prepared, e.g. fixture rows seeded inside the rolled-back transaction
 */
public record PersonaProbe(Persona persona, String problem, String fix, Long rowsAsOperator,
                           List<ProbeAttempt> attempts, List<String> notes) {

    public PersonaProbe {
        attempts = List.copyOf(attempts);
        notes = List.copyOf(notes);
    }

    public static PersonaProbe unavailable(Persona persona, String problem, String fix) {
        return new PersonaProbe(persona, problem, fix, null, List.of(), List.of());
    }

    public boolean ran() {
        return problem == null;
    }

    public Optional<ProbeAttempt> attempt(ProbeOperation operation) {
        return attempts.stream().filter(a -> a.operation() == operation).findFirst();
    }
}

package jobs.x402.console.keys;

import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;

import java.util.List;

/** Rotation refused: some rows do not decrypt with the current secret, and the operator did not exclude them. */
public final class UndecryptableRowsException extends OperatorException {
    private static final long serialVersionUID = 1L;

    private final transient List<UndecryptableRow> rows;

    UndecryptableRowsException(List<UndecryptableRow> rows) {
        super(ExitCode.REFUSED, rows.size() + " row(s) do not decrypt with the current secret, so rotating would"
                        + " leave them unreadable under both secrets; nothing was changed",
                "fix or delete those rows, load the right current secret, or exclude them explicitly to rotate"
                        + " the others and leave them as they are");
        withAction(jobs.x402.console.core.RemedyAction.EXCLUDE_UNDECRYPTABLE);
        this.rows = List.copyOf(rows);
    }

    public List<UndecryptableRow> rows() {
        return rows;
    }
}

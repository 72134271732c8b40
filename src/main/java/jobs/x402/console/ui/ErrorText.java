package jobs.x402.console.ui;

import jobs.x402.console.core.OperationCancelledException;
import jobs.x402.console.core.OperatorException;

/** Turns any failure into the two lines the UI shows: what failed, and what to do. */
public record ErrorText(String problem, String remedy) {

    public static ErrorText of(Throwable failure) {
        Throwable t = failure;
        while (t != null) {
            if (t instanceof OperatorException operator) {
                return new ErrorText(operator.problem(), operator.remedy());
            }
            if (t instanceof OperationCancelledException) {
                return new ErrorText("Cancelled", "");
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new ErrorText(message, "see the log file for details");
    }
}

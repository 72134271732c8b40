package jobs.x402.console.core;

/** The operator asked to stop; whatever the operation changed has been rolled back by the time this surfaces. */
public class OperationCancelledException extends OperatorException {
    private static final long serialVersionUID = 1L;

    public OperationCancelledException() {
        super(ExitCode.FAILURE, "Cancelled by the operator", "nothing was changed");
    }
}

package jobs.x402.console.core;

/**
 * A failure told the way an operator needs it: what failed, on which target, and what to do next.
 * Messages are built by the code that knows the context and must never contain a secret.
 */
public class OperatorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;
    private final String problem;
    private final String remedy;
    private RemedyAction action = RemedyAction.NONE;
    private java.util.Map<String, String> actionDetails = java.util.Map.of();

    public OperatorException(ExitCode exitCode, String problem, String remedy) {
        this(exitCode, problem, remedy, null);
    }

    public OperatorException(ExitCode exitCode, String problem, String remedy, Throwable cause) {
        super(remedy == null || remedy.isBlank() ? problem : problem + " — " + remedy, cause);
        this.exitCode = exitCode;
        this.problem = problem;
        this.remedy = remedy == null ? "" : remedy;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** What went wrong, in one sentence. */
    public String problem() {
        return problem;
    }

    /** What the operator can do about it; empty when there is nothing to add. */
    public String remedy() {
        return remedy;
    }

    /** The neutral action behind the remedy, for a face to render as its own controls. */
    public RemedyAction action() {
        return action;
    }

    /** A detail the action needs ({@code database}, {@code user}, {@code table}…), or null. */
    public String actionDetail(String key) {
        return actionDetails.get(key);
    }

    public OperatorException withAction(RemedyAction remedyAction) {
        this.action = remedyAction == null ? RemedyAction.NONE : remedyAction;
        return this;
    }

    /**
     * The action with its details as key, value pairs, e.g. {@code withAction(PROVIDE_BACKUP, "database", name)}.
     * Details are identifiers (names, ids), never secrets.
     */
    public OperatorException withAction(RemedyAction remedyAction, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("action details come in key, value pairs");
        }
        java.util.Map<String, String> details = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                details.put(keyValues[i], keyValues[i + 1]);
            }
        }
        this.actionDetails = java.util.Map.copyOf(details);
        return withAction(remedyAction);
    }

    public static OperatorException usage(String problem, String remedy) {
        return new OperatorException(ExitCode.USAGE, problem, remedy);
    }

    public static OperatorException refused(String problem, String remedy) {
        return new OperatorException(ExitCode.REFUSED, problem, remedy);
    }

    public static OperatorException failure(String problem, String remedy, Throwable cause) {
        return new OperatorException(ExitCode.FAILURE, problem, remedy, cause);
    }
}

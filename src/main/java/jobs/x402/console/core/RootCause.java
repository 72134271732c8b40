package jobs.x402.console.core;

/** The innermost cause of a failure and its message: what an operator can act on under layers of wrapping. */
public final class RootCause {
    private RootCause() {
    }

    public static Throwable of(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The innermost cause's message, or its class's simple name when it has none. */
    public static String message(Throwable failure) {
        Throwable root = of(failure);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

package jobs.x402.console.core;

/** The CLI contract's exit codes (docs/architecture.md); every typed failure maps to exactly one. */
public enum ExitCode {
    SUCCESS(0),
    CHECK_FAILED(1),
    USAGE(2),
    UNREACHABLE(3),
    REFUSED(4),
    FAILURE(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

package jobs.x402.console.openrouter;

import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;

import java.time.Instant;
import java.util.Map;

/**
 * A failed OpenRouter call, typed by {@link Kind}, with the server's own message and metadata and what the operator
 * can do. Built only from status, headers and body: never from the request, so the API key cannot leak into it.
 */
public final class OpenRouterException extends OperatorException {
    private static final long serialVersionUID = 1L;

    /** Why the call failed. HTTP kinds carry their status; the others name what went wrong on the way. */
    public enum Kind {
        BAD_REQUEST(400, false),
        INVALID_KEY(401, false),
        INSUFFICIENT_CREDITS(402, false),
        FORBIDDEN(403, false),
        NOT_FOUND(404, false),
        REQUEST_TIMEOUT(408, true),
        RATE_LIMITED(429, true),
        SERVER_ERROR(500, true),
        UPSTREAM_ERROR(502, true),
        NO_PROVIDER(503, true),
        EDGE_TIMEOUT(524, true),
        PROVIDER_OVERLOADED(529, true),
        /** Any other HTTP status; {@link #httpStatus()} tells which. */
        OTHER_HTTP_STATUS(0, false),
        /** The request never got an answer: DNS, refused connection, reset, TLS. */
        NETWORK_FAILURE(0, false),
        /** A connect, read or whole-call timeout of this client expired. */
        TIMEOUT(0, false),
        /** A success status whose body was empty. */
        EMPTY_BODY(0, false),
        /** A success status whose body was not JSON (often an HTML page from a proxy). */
        NOT_JSON(0, false),
        /** A success status whose JSON body stopped in the middle. */
        TRUNCATED_JSON(0, false),
        /** JSON, but not the shape OpenRouter documents (no choices, no data). */
        UNEXPECTED_RESPONSE(0, false),
        /** The key text itself cannot be sent (blank, line breaks, non-ASCII). */
        MALFORMED_KEY(0, false);

        private final int status;
        private final boolean retryable;

        Kind(int status, boolean retryable) {
            this.status = status;
            this.retryable = retryable;
        }

        /** The HTTP status this kind stands for, 0 for the non-HTTP kinds. */
        public int status() {
            return status;
        }

        /** Whether the same request may succeed later: 408, 429 and the documented 5xx. */
        public boolean retryable() {
            return retryable;
        }

        public static Kind forStatus(int status) {
            for (Kind kind : values()) {
                if (kind.status == status && status != 0) {
                    return kind;
                }
            }
            return OTHER_HTTP_STATUS;
        }
    }

    /** What was wrong with a body that could not be read as OpenRouter JSON, for any status. */
    public enum BodyProblem {
        NONE, EMPTY, NOT_JSON, TRUNCATED_JSON
    }

    private final Kind kind;
    private final int httpStatus;
    private final String serverMessage;
    private final Map<String, Object> metadata;
    private final BodyProblem bodyProblem;
    private final Instant retryAt;
    private final String generationId;
    private final boolean midStream;
    private final int attempts;
    private Availability availability;

    OpenRouterException(Kind kind, int httpStatus, String problem, String remedy, String serverMessage,
                        Map<String, Object> metadata, BodyProblem bodyProblem, Instant retryAt, String generationId,
                        boolean midStream, int attempts, Throwable cause) {
        super(exitCodeFor(kind), problem, remedy, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.serverMessage = serverMessage;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        this.bodyProblem = bodyProblem;
        this.retryAt = retryAt;
        this.generationId = generationId;
        this.midStream = midStream;
        this.attempts = attempts;
    }

    private static ExitCode exitCodeFor(Kind kind) {
        return switch (kind) {
            case INVALID_KEY, NETWORK_FAILURE, TIMEOUT -> ExitCode.UNREACHABLE;
            case MALFORMED_KEY -> ExitCode.USAGE;
            default -> ExitCode.FAILURE;
        };
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or the error chunk's code for a mid-stream error; 0 when no answer came. */
    public int httpStatus() {
        return httpStatus;
    }

    /** {@code error.message} from the body, or null when the body had none. */
    public String serverMessage() {
        return serverMessage;
    }

    /** {@code error.metadata} from the body (e.g. {@code reasons}, {@code flagged_input}, {@code provider_name}). */
    public Map<String, Object> metadata() {
        return metadata;
    }

    public BodyProblem bodyProblem() {
        return bodyProblem;
    }

    /** When the server said a retry may succeed (from Retry-After), or null. */
    public Instant retryAt() {
        return retryAt;
    }

    public String generationId() {
        return generationId;
    }

    /** True when the failure came as an error chunk after the stream had started (HTTP 200). */
    public boolean midStream() {
        return midStream;
    }

    /** How many requests were sent before giving up (1 when no retry happened). */
    public int attempts() {
        return attempts;
    }

    /** OpenRouter's reason a model cannot be served ({@code error.availability}), or null. */
    public Availability availability() {
        return availability;
    }

    OpenRouterException withAvailability(Availability value) {
        this.availability = value;
        return this;
    }

    /**
     * Whether sending the same request again may succeed: 408, 429, any 5xx, or a connection never made; where
     * OpenRouter says so in {@code error.availability.retryable}, its word decides.
     */
    public boolean retryable() {
        if (availability != null) {
            return availability.retryable();
        }
        if (kind.retryable()) {
            return true;
        }
        if (kind == Kind.OTHER_HTTP_STATUS) {
            return httpStatus >= 500 && httpStatus <= 599;
        }
        // a refused connection sent nothing, so repeating it cannot bill twice
        return kind == Kind.NETWORK_FAILURE && getCause() instanceof java.net.ConnectException;
    }

    OpenRouterException withAttempts(int count) {
        return new OpenRouterException(kind, httpStatus, problem(), remedy(), serverMessage, metadata, bodyProblem,
                retryAt, generationId, midStream, count, getCause()).withAvailability(availability);
    }
}

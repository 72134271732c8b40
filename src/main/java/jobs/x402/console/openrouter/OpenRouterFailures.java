package jobs.x402.console.openrouter;

import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.core.Json;
import jobs.x402.console.openrouter.OpenRouterException.BodyProblem;
import jobs.x402.console.openrouter.OpenRouterException.Kind;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns statuses, bodies and I/O errors of OpenRouter calls into {@link OpenRouterException}s an operator can act on. */
final class OpenRouterFailures {
    private static final Pattern HTML_TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private OpenRouterFailures() {
    }

    /** A body parsed as JSON, or why it could not be. */
    record ParsedBody(JsonNode json, BodyProblem problem, String excerpt) {
    }

    static ParsedBody parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return new ParsedBody(null, BodyProblem.EMPTY, "");
        }
        try {
            JsonNode json = Json.mapper().readTree(text);
            if (json == null || json.isMissingNode()) {
                return new ParsedBody(null, BodyProblem.EMPTY, "");
            }
            return new ParsedBody(json, BodyProblem.NONE, "");
        } catch (JsonEOFException e) {
            return new ParsedBody(null, BodyProblem.TRUNCATED_JSON, head(text));
        } catch (JsonProcessingException e) {
            // an object or array cut inside a string or number also ends in an EOF complaint
            String message = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
            boolean truncated = message.contains("end-of-input") && text.stripLeading().matches("(?s)^[\\[{].*");
            return new ParsedBody(null, truncated ? BodyProblem.TRUNCATED_JSON : BodyProblem.NOT_JSON, head(text));
        }
    }

    /** A non-2xx answer. */
    static OpenRouterException fromStatus(String what, int status, byte[] body, String retryAfter, Clock clock,
                                          String generationId) {
        Kind kind = Kind.forStatus(status);
        ParsedBody parsed = parse(body);
        String serverMessage = null;
        Map<String, Object> metadata = Map.of();
        Availability availability = null;
        if (parsed.json() != null) {
            JsonNode error = parsed.json().path("error");
            serverMessage = error.isObject() ? ChatCompletion.textOrNull(error.get("message"))
                    : ChatCompletion.textOrNull(parsed.json().get("message"));
            metadata = metadataOf(error.get("metadata"));
            if (error.isObject() && error.hasNonNull("error_type") && !metadata.containsKey("error_type")) {
                metadata = withEntry(metadata, "error_type", error.get("error_type").asText());
            }
            availability = Availability.from(error.get("availability"));
        }
        Instant retryAt = retryAt(retryAfter, clock);
        if (retryAt == null && availability != null && availability.retryAfter() != null) {
            retryAt = clock.instant().plusSeconds(availability.retryAfter());
        }
        StringBuilder problem = new StringBuilder(what).append(" failed: OpenRouter answered HTTP ").append(status)
                .append(" (").append(availability != null ? availability.describe() : describe(kind, status))
                .append(")");
        if (serverMessage != null && !serverMessage.isBlank()) {
            problem.append(": ").append(serverMessage);
        } else if (parsed.problem() != BodyProblem.NONE) {
            problem.append(" with ").append(describeBody(parsed));
        }
        problem.append(details(metadata));
        String remedy = availability != null ? availability.remedy() : remedy(kind, status, retryAt, metadata, clock);
        return new OpenRouterException(kind, status, problem.toString(), remedy, serverMessage, metadata,
                parsed.problem(), retryAt, generationId, false, 1, null).withAvailability(availability);
    }

    /** An {@code error} object inside a 200 answer: a non-streaming body or a mid-stream chunk. */
    static OpenRouterException fromErrorObject(String what, JsonNode error, String generationId, boolean midStream,
                                               Clock clock) {
        int code = error.path("code").isInt() ? error.path("code").asInt() : 0;
        Kind kind = code == 0 ? Kind.UPSTREAM_ERROR : Kind.forStatus(code);
        String serverMessage = ChatCompletion.textOrNull(error.get("message"));
        Map<String, Object> metadata = metadataOf(error.get("metadata"));
        Availability availability = Availability.from(error.get("availability"));
        String problem = what + (midStream ? " stopped mid-stream: " : " failed: ") + "OpenRouter reported "
                + (code == 0 ? "an error" : "error " + code + " (" + (availability != null ? availability.describe()
                : describe(kind, code)) + ")")
                + (serverMessage == null || serverMessage.isBlank() ? "" : ": " + serverMessage) + details(metadata);
        String remedy = availability != null ? availability.remedy() : remedy(kind, code, null, metadata, clock);
        if (midStream) {
            remedy = "the text received so far is incomplete; " + remedy;
        }
        return new OpenRouterException(kind, code, problem, remedy, serverMessage, metadata, BodyProblem.NONE, null,
                generationId, midStream, 1, null).withAvailability(availability);
    }

    /** A 2xx answer whose body could not be used. */
    static OpenRouterException unreadable(String what, int status, ParsedBody parsed, String generationId) {
        Kind kind = switch (parsed.problem()) {
            case EMPTY -> Kind.EMPTY_BODY;
            case NOT_JSON -> Kind.NOT_JSON;
            case TRUNCATED_JSON -> Kind.TRUNCATED_JSON;
            case NONE -> Kind.UNEXPECTED_RESPONSE;
        };
        String problem = what + " failed: the server answered HTTP " + status + " with " + describeBody(parsed);
        return new OpenRouterException(kind, status, problem,
                "check that the base URL points at the OpenRouter API (…/api/v1) and not at a web page or proxy",
                null, Map.of(), parsed.problem(), null, generationId, false, 1, null);
    }

    static OpenRouterException unexpectedShape(String what, int status, String expected, String generationId) {
        return new OpenRouterException(Kind.UNEXPECTED_RESPONSE, status,
                what + " failed: the answer is JSON but has no " + expected,
                "check that the base URL points at the OpenRouter API (…/api/v1)", null, Map.of(), BodyProblem.NONE,
                null, generationId, false, 1, null);
    }

    static OpenRouterException fromIo(String what, String host, IOException e, boolean midStream) {
        boolean timeout = e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException && String.valueOf(e.getMessage()).contains("timeout"));
        if (timeout) {
            return new OpenRouterException(Kind.TIMEOUT, 0,
                    what + " timed out waiting for " + host + (midStream ? " in the middle of the stream" : ""),
                    "retry; if it keeps happening, check the network or raise the client's timeouts", null, Map.of(),
                    BodyProblem.NONE, null, null, midStream, 1, e);
        }
        String cause;
        if (e instanceof UnknownHostException) {
            cause = "the host name " + host + " does not resolve";
        } else if (e instanceof ConnectException) {
            cause = "no connection to " + host + " (" + e.getMessage() + ")";
        } else {
            cause = "the connection to " + host + " failed" + (midStream ? " in the middle of the stream" : "")
                    + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        }
        return new OpenRouterException(Kind.NETWORK_FAILURE, 0, what + " failed: " + cause,
                "check the network, any proxy, and the OpenRouter base URL", null, Map.of(), BodyProblem.NONE, null,
                null, midStream, 1, e);
    }

    static OpenRouterException malformedKey(String why) {
        return new OpenRouterException(Kind.MALFORMED_KEY, 0, "The OpenRouter API key cannot be sent: " + why,
                "paste the key again (it looks like sk-or-v1-…, one line, no spaces)", null, Map.of(),
                BodyProblem.NONE, null, null, false, 1, null);
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Instant retryAt(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            double seconds = Double.parseDouble(value);
            if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                return null;
            }
            return clock.instant().plusMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /**
     * What {@code error.metadata} adds for an operator: the typed error, the provider's own code, moderation
     * reasons and the flagged input, guardrail patterns.
     */
    static String details(Map<String, Object> metadata) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (metadata.get("error_type") != null) {
            parts.add("error type " + metadata.get("error_type"));
        }
        if (metadata.get("provider_name") != null) {
            parts.add("provider " + metadata.get("provider_name"));
        }
        if (metadata.get("provider_code") != null) {
            parts.add("provider code " + metadata.get("provider_code"));
        }
        if (metadata.get("reasons") != null) {
            parts.add("flagged for " + joined(metadata.get("reasons")));
        }
        if (metadata.get("flagged_input") != null) {
            String flagged = String.valueOf(metadata.get("flagged_input")).strip().replaceAll("\\s+", " ");
            parts.add("flagged input \"" + (flagged.length() <= 80 ? flagged : flagged.substring(0, 80) + "…") + "\"");
        }
        if (metadata.get("patterns") != null) {
            parts.add("guardrail patterns " + joined(metadata.get("patterns")));
        }
        return parts.isEmpty() ? "" : " [" + String.join("; ", parts) + "]";
    }

    private static String joined(Object value) {
        return value instanceof java.util.Collection<?> list
                ? String.join(", ", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
    }

    private static Map<String, Object> withEntry(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> metadataOf(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, Object> map = Json.mapper().convertValue(node, new TypeReference<Map<String, Object>>() {
        });
        // Map.copyOf refuses null values, which JSON metadata may hold
        map.values().removeIf(v -> v == null);
        return map;
    }

    private static String describe(Kind kind, int status) {
        return switch (kind) {
            case BAD_REQUEST -> "bad request";
            case INVALID_KEY -> "invalid or disabled API key";
            case INSUFFICIENT_CREDITS -> "insufficient credits";
            case FORBIDDEN -> "forbidden: moderation or permission";
            case NOT_FOUND -> "not found: no endpoint can serve the model";
            case REQUEST_TIMEOUT -> "request timeout";
            case RATE_LIMITED -> "rate limited";
            case SERVER_ERROR -> "OpenRouter internal error";
            case UPSTREAM_ERROR -> "the model's provider is down or answered badly";
            case NO_PROVIDER -> "no provider available";
            case EDGE_TIMEOUT -> "edge timeout";
            case PROVIDER_OVERLOADED -> "provider overloaded";
            default -> "status " + status;
        };
    }

    private static String remedy(Kind kind, int status, Instant retryAt, Map<String, Object> metadata, Clock clock) {
        String when = retryAt == null ? null
                : "retry at " + CLOCK_TIME.format(retryAt.atZone(zoneOf(clock))) + " (" + retryAt + ")";
        return switch (kind) {
            case BAD_REQUEST -> "check the parameters (temperature 0–2, top_p 0–1, penalties −2..2, max_tokens within"
                    + " the model's limit) and the model id";
            case INVALID_KEY -> "the OpenRouter key is invalid or disabled: set a new key for this user, "
                    + "or mark the stored key is_valid = false";
            case INSUFFICIENT_CREDITS -> "add credits at https://openrouter.ai/settings/credits or raise this key's "
                    + "credit limit";
            case FORBIDDEN -> metadata.containsKey("reasons")
                    ? "the input was flagged by moderation (" + metadata.get("reasons") + "): change the prompt"
                    : "the input was flagged by moderation or the key may not use this model: change the prompt "
                    + "or the model";
            case NOT_FOUND -> "OpenRouter found no endpoint for the model (it may be deprecated, restricted by the"
                    + " account's privacy or routing settings, or a free variant that ended): pick another model, or"
                    + " check the account's settings";
            case REQUEST_TIMEOUT -> when != null ? when : "retry; a lower max_tokens finishes sooner";
            case RATE_LIMITED -> when != null ? "rate limited: " + when
                    : "rate limited: retry in a minute (free models allow 20 requests a minute)";
            case SERVER_ERROR, EDGE_TIMEOUT, PROVIDER_OVERLOADED -> when != null ? when : "retry in a few minutes";
            case UPSTREAM_ERROR, NO_PROVIDER -> (when != null ? when : "retry in a few minutes")
                    + ", or choose another model";
            default -> status >= 500 ? "retry later" : "see the server's message";
        };
    }

    private static ZoneId zoneOf(Clock clock) {
        return clock == null ? ZoneId.systemDefault() : clock.getZone();
    }

    private static String describeBody(ParsedBody parsed) {
        return switch (parsed.problem()) {
            case EMPTY -> "an empty body";
            case TRUNCATED_JSON -> "JSON that stops in the middle (truncated): " + excerpt(parsed.excerpt());
            case NOT_JSON -> looksLikeHtml(parsed.excerpt()) ? "an HTML page instead of JSON" + htmlTitle(parsed.excerpt())
                    : "a body that is not JSON: " + excerpt(parsed.excerpt());
            case NONE -> "JSON of an unexpected shape";
        };
    }

    private static boolean looksLikeHtml(String text) {
        String start = text.stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<");
    }

    private static String htmlTitle(String text) {
        Matcher m = HTML_TITLE.matcher(text);
        return m.find() ? " (\"" + m.group(1).strip() + "\")" : "";
    }

    private static String head(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 4000);
    }

    private static String excerpt(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "…";
    }
}

package jobs.x402.console.rls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jobs.x402.console.core.Json;

import java.util.Locale;
import java.util.UUID;

/**
 * Who a probe acts as: the database role it switches to and the JWT claims PostgREST would set for it.
 *
 * @param userId the auth.users id for a signed-in user; null for the others
 */
public record Persona(Kind kind, String role, UUID userId) {

    public enum Kind { ANON, AUTHENTICATED, USER, SERVICE_ROLE, ROLE }

    public static Persona anon() {
        return new Persona(Kind.ANON, "anon", null);
    }

    /** authenticated with no sub claim: a token without a user, which auth.uid() reads as null. */
    public static Persona authenticated() {
        return new Persona(Kind.AUTHENTICATED, "authenticated", null);
    }

    public static Persona user(UUID id) {
        return new Persona(Kind.USER, "authenticated", id);
    }

    public static Persona serviceRole() {
        return new Persona(Kind.SERVICE_ROLE, "service_role", null);
    }

    public static Persona role(String name) {
        return new Persona(Kind.ROLE, name, null);
    }

    /**
     * Reads "anon", "authenticated", "service_role", "user:UUID" (or a bare UUID) and "role:NAME".
     *
     * @throws IllegalArgumentException with a message that says what is accepted
     */
    public static Persona parse(String text) {
        String value = text == null ? "" : text.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "anon":
                return anon();
            case "authenticated":
                return authenticated();
            case "service_role":
            case "service":
                return serviceRole();
            default:
                break;
        }
        if (lower.startsWith("user:")) {
            return user(uuid(value.substring(5).trim(), value));
        }
        if (lower.startsWith("role:") && value.length() > 5) {
            return role(value.substring(5).trim());
        }
        if (value.matches("[0-9a-fA-F-]{36}")) {
            return user(uuid(value, value));
        }
        throw new IllegalArgumentException("unknown persona '" + value + "': use anon, authenticated, service_role,"
                + " user:UUID (a row of auth.users) or role:NAME");
    }

    private static UUID uuid(String text, String whole) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + whole + "' is not a user id: user:UUID needs an auth.users id"
                    + " such as 11111111-1111-4111-8111-111111111111");
        }
    }

    /** The claims PostgREST would put in request.jwt.claims for this persona. */
    public String claimsJson() {
        ObjectNode claims = Json.mapper().createObjectNode();
        if (userId != null) {
            claims.put("sub", userId.toString());
            claims.put("aud", "authenticated");
        }
        claims.put("role", role);
        return claims.toString();
    }

    public String label() {
        return switch (kind) {
            case ANON -> "anon";
            case AUTHENTICATED -> "authenticated (no user)";
            case USER -> "user " + userId;
            case SERVICE_ROLE -> "service_role";
            case ROLE -> "role " + role;
        };
    }

    /** The text {@link #parse} reads back. */
    public String spec() {
        return switch (kind) {
            case ANON -> "anon";
            case AUTHENTICATED -> "authenticated";
            case USER -> "user:" + userId;
            case SERVICE_ROLE -> "service_role";
            case ROLE -> "role:" + role;
        };
    }

    public boolean isApiRole() {
        return kind != Kind.ROLE;
    }
}

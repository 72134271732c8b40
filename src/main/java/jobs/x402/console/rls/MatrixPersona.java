package jobs.x402.console.rls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jobs.x402.console.core.Json;

import java.util.UUID;

/**
 * A column group of the access matrix: the role PostgREST would switch to and whose JWT it would carry.
 *
 * @param kind  anon, the owner of the seeded rows, another signed-in user, service_role, or a role a policy names
 * @param role     the database role
 * @param optional a role found in the policies rather than asked for: when it cannot be assumed, its cells say why
 *                 but the matrix does not count as failed (a hosted project's postgres is not a member of
 *                 dashboard_user, for one)
 */
public record MatrixPersona(Kind kind, String role, boolean optional) {
    public enum Kind { ANON, OWNER, OTHER_USER, SERVICE_ROLE, CUSTOM_ROLE }

    public static MatrixPersona anon() {
        return new MatrixPersona(Kind.ANON, "anon", false);
    }

    public static MatrixPersona owner() {
        return new MatrixPersona(Kind.OWNER, "authenticated", false);
    }

    public static MatrixPersona otherUser() {
        return new MatrixPersona(Kind.OTHER_USER, "authenticated", false);
    }

    public static MatrixPersona serviceRole() {
        return new MatrixPersona(Kind.SERVICE_ROLE, "service_role", false);
    }

    public static MatrixPersona custom(String role, boolean optional) {
        return new MatrixPersona(Kind.CUSTOM_ROLE, role, optional);
    }

    /** The column header: "anon", "owner", "other user", "service_role", or the custom role's name. */
    public String label() {
        return switch (kind) {
            case ANON -> "anon";
            case OWNER -> "owner";
            case OTHER_USER -> "other user";
            case SERVICE_ROLE -> "service_role";
            case CUSTOM_ROLE -> role;
        };
    }

    public boolean signedIn() {
        return kind == Kind.OWNER || kind == Kind.OTHER_USER;
    }

    /** request.jwt.claims as PostgREST sets it for this persona, given the fixture users. */
    public String claims(UUID owner, UUID other) {
        ObjectNode claims = Json.mapper().createObjectNode();
        if (kind == Kind.OWNER || kind == Kind.OTHER_USER) {
            claims.put("sub", (kind == Kind.OWNER ? owner : other).toString());
            claims.put("aud", "authenticated");
        }
        claims.put("role", role);
        return claims.toString();
    }
}

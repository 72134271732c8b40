package jobs.x402.console.rls;

import java.util.List;
import java.util.Set;

/**
 * One row-level security policy as the catalog stores it.
 *
 * @param roles     role names; "public" when the policy has no TO clause
 * @param using     USING expression as text (pg_get_expr), null when absent
 * @param withCheck WITH CHECK expression as text, null when absent
 */
public record PolicyDefinition(String name, PolicyCommand command, boolean permissive, List<String> roles,
                               String using, String withCheck) {

    public PolicyDefinition {
        roles = List.copyOf(roles);
    }

    public boolean appliesToPublic() {
        return roles.contains("public");
    }

    /** A one-line reading in plain English, for the policy list and the CLI. */
    public String reading(Set<String> rolesBypassingRls) {
        String who = appliesToPublic() ? "every role" : String.join(", ", roles);
        String what = switch (command) {
            case ALL -> "read, insert, update and delete";
            case SELECT -> "read";
            case INSERT -> "insert";
            case UPDATE -> "update";
            case DELETE -> "delete";
        };
        StringBuilder line = new StringBuilder();
        if (permissive) {
            line.append("Lets ").append(who).append(' ').append(what).append(' ');
        } else {
            line.append("Restricts ").append(who).append(" (on top of the permissive policies) to ").append(what)
                    .append("ing only ");
        }
        if (command == PolicyCommand.INSERT) {
            line.append(withCheck == null ? "any new row" : "new rows where " + withCheck);
        } else {
            line.append(using == null ? "no row" : isTrue(using) ? "every row" : "rows where " + using);
            if (command != PolicyCommand.SELECT && command != PolicyCommand.DELETE) {
                String check = withCheck != null ? withCheck : using;
                if (check != null && !check.equals(using)) {
                    line.append("; written rows must satisfy ").append(check);
                } else if (check != null && !isTrue(check)) {
                    line.append("; written rows must satisfy the same");
                }
            }
        }
        line.append('.');
        if (!appliesToPublic() && !roles.isEmpty() && rolesBypassingRls.containsAll(roles)) {
            line.append(" Never evaluated: ").append(String.join(", ", roles)).append(" bypass").append(
                    roles.size() == 1 ? "es" : "").append(" RLS.");
        }
        return line.toString();
    }

    static boolean isTrue(String expression) {
        if (expression == null) {
            return false;
        }
        // no regex: the linter calls this for every policy of a 6,000-policy schema
        StringBuilder compact = new StringBuilder(expression.length());
        for (int i = 0; i < expression.length(); i++) {
            char ch = expression.charAt(i);
            if (!Character.isWhitespace(ch)) {
                compact.append(Character.toLowerCase(ch));
            }
        }
        String normalized = compact.toString();
        return normalized.equals("true") || normalized.equals("(true)") || normalized.equals("1=1")
                || normalized.equals("(1=1)");
    }
}

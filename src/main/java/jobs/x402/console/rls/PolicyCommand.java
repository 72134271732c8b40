package jobs.x402.console.rls;

import java.util.List;

/** The command a policy applies to, as {@code pg_policy.polcmd} encodes it. */
public enum PolicyCommand {
    SELECT('r'), INSERT('a'), UPDATE('w'), DELETE('d'), ALL('*');

    private final char code;

    PolicyCommand(char code) {
        this.code = code;
    }

    public static PolicyCommand fromCode(String code) {
        for (PolicyCommand command : values()) {
            if (code != null && code.length() == 1 && command.code == code.charAt(0)) {
                return command;
            }
        }
        throw new IllegalArgumentException("unknown pg_policy.polcmd " + code);
    }

    /** The single commands this one covers: ALL covers the four. */
    public List<PolicyCommand> covered() {
        return this == ALL ? List.of(SELECT, INSERT, UPDATE, DELETE) : List.of(this);
    }

    public boolean covers(PolicyCommand single) {
        return this == ALL || this == single;
    }
}

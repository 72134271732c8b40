package jobs.x402.console.target;

import jobs.x402.console.core.OperatorException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** libpq / pgjdbc {@code sslmode} values, ordered from weakest to strongest. */
public enum SslMode {
    DISABLE("disable"),
    ALLOW("allow"),
    PREFER("prefer"),
    REQUIRE("require"),
    VERIFY_CA("verify-ca"),
    VERIFY_FULL("verify-full");

    private final String parameter;

    SslMode(String parameter) {
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    /** Below verify-full a man in the middle can read the session (require/verify-ca do not check the host name). */
    public boolean isWeakerThanVerifyFull() {
        return this != VERIFY_FULL;
    }

    public static SslMode parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(m -> m.parameter.equals(wanted)).findFirst()
                .orElseThrow(() -> OperatorException.usage("Unknown sslmode '" + text + "'",
                        "use one of " + Arrays.stream(values()).map(SslMode::parameter)
                                .collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return parameter;
    }
}

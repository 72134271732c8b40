package jobs.x402.console.session;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.keys.IntegrationSecretSource;
import jobs.x402.console.openrouter.OpenRouterClient;

import java.util.Map;

/**
 * What the console reads of the machine it runs on, read once by a face and handed to every session: where the
 * operator's files live and the environment variables. The window passes the process's; the CLI (and tests) their
 * own. Nothing else in the console calls {@code System.getenv}.
 */
public record ConsoleEnvironment(ConsoleHome home, Map<String, String> variables) {
    /** Where OpenRouter lives unless a call names another base URL. */
    public static final String OPENROUTER_BASE_URL = "OPENROUTER_BASE_URL";

    public ConsoleEnvironment {
        variables = Map.copyOf(variables);
    }

    public static ConsoleEnvironment system() {
        return new ConsoleEnvironment(ConsoleHome.fromEnvironment(), System.getenv());
    }

    /** A variable's value, or null when it is unset. */
    public String variable(String name) {
        return variables.get(name);
    }

    /** The OpenRouter base URL: {@code override} when given, else $OPENROUTER_BASE_URL, else the public API. */
    public String openRouterBaseUrl(String override) {
        if (override != null && !override.isBlank()) {
            return override.trim();
        }
        String fromEnv = variables.get(OPENROUTER_BASE_URL);
        return fromEnv == null || fromEnv.isBlank() ? OpenRouterClient.DEFAULT_BASE_URL : fromEnv.trim();
    }

    /** The default OpenRouter base URL for this environment (no override). */
    public String openRouterBaseUrl() {
        return openRouterBaseUrl(null);
    }

    /** The integration secret from {@code variable} (null: the backend's default variable name). */
    public IntegrationSecretSource secretFromVariable(String variable) {
        return IntegrationSecretSource.environment(variables, variable);
    }

    /** Whether the integration secret's variable is set (an unset default just means "no secret loaded"). */
    public boolean hasVariable(String variable) {
        String name = variable == null || variable.isBlank() ? IntegrationSecretSource.DEFAULT_VARIABLE : variable;
        return variables.get(name) != null;
    }

    public AuditLog auditLog() {
        return AuditLog.in(home);
    }
}

package jobs.x402.console.core.logging;

import java.util.regex.Pattern;

/**
 * The last line of defence: shapes of secrets that must never reach a log line even if some library prints them
 * (OpenRouter keys, passwords in URLs or connection properties, bearer tokens, ivhex:cthex values).
 */
public final class SecretPatterns {
    private static final Pattern OPENROUTER_KEY = Pattern.compile("sk-or-[A-Za-z0-9_-]{4,}");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(://[^:/@\\s]+:)[^@\\s]+(@)");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&\\s,;}]+");
    private static final Pattern ENCRYPTED_VALUE = Pattern.compile("\\b[0-9a-f]{32}:[0-9a-f]{32,}\\b");

    private SecretPatterns() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = OPENROUTER_KEY.matcher(text).replaceAll("sk-or-***");
        masked = BEARER.matcher(masked).replaceAll("$1***");
        masked = URL_PASSWORD.matcher(masked).replaceAll("$1***$2");
        masked = PASSWORD_PARAM.matcher(masked).replaceAll("$1***");
        return ENCRYPTED_VALUE.matcher(masked).replaceAll("<encrypted value>");
    }
}

package jobs.x402.console.keys;

import jobs.x402.console.core.Secret;

import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * What an OpenRouter API key looks like ({@code sk-or-v1-} and 64 hex today) and how the console shows one masked.
 * Recognition accepts any {@code sk-or-} key of the key alphabet so a future key version is not refused.
 */
public final class OpenRouterKeyShape {
    public static final String PREFIX = "sk-or-";
    public static final String V1_PREFIX = "sk-or-v1-";
    static final int V1_HEX_LENGTH = 64;
    // far above any real key; keeps a pasted document from being taken for one
    static final int MAX_LENGTH = 256;
    private static final int SHOWN_TAIL = 4;
    // below this many characters after the prefix, showing the tail would give away too much of the key
    private static final int MIN_BODY_FOR_TAIL = 12;
    private static final String ELLIPSIS = "…";

    private OpenRouterKeyShape() {
    }

    /** True for {@code sk-or-} followed by key characters (letters, digits, '-', '_'), at most 256 in all. */
    public static boolean matches(CharSequence text) {
        return mismatch(text).isEmpty();
    }

    /** True only for the current format: {@code sk-or-v1-} and 64 lowercase hex characters. */
    public static boolean isV1(CharSequence text) {
        if (text == null || text.length() != V1_PREFIX.length() + V1_HEX_LENGTH || !startsWith(text, V1_PREFIX)) {
            return false;
        }
        for (int i = V1_PREFIX.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why the text is not a key, in words that never quote it (for refusing a pasted value); empty when it is one.
     */
    public static Optional<String> mismatch(CharSequence text) {
        if (text == null || text.length() == 0) {
            return Optional.of("it is empty");
        }
        if (!startsWith(text, PREFIX)) {
            return Optional.of("it does not start with '" + PREFIX + "'");
        }
        if (text.length() == PREFIX.length() || text.length() == V1_PREFIX.length() && startsWith(text, V1_PREFIX)) {
            return Optional.of("nothing follows the prefix");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("it is " + text.length() + " characters long, more than a key ever is");
        }
        for (int i = PREFIX.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                return Optional.of("it contains whitespace at position " + (i + 1) + " (a stray space or newline?)");
            }
            if (!isKeyChar(c)) {
                return Optional.of("it contains a character a key never has at position " + (i + 1));
            }
        }
        return Optional.empty();
    }

    public static boolean matches(Secret key) {
        char[] chars = key.chars();
        try {
            return matches(CharBuffer.wrap(chars));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * {@code sk-or-v1-…ab12}: the prefix and the last four characters; a value that is not a key shows nothing of
     * itself, and a short key shows only its prefix.
     */
    public static String mask(CharSequence key) {
        if (!matches(key)) {
            return ELLIPSIS;
        }
        String prefix = startsWith(key, V1_PREFIX) ? V1_PREFIX : PREFIX;
        int body = key.length() - prefix.length();
        if (body < MIN_BODY_FOR_TAIL) {
            return prefix + ELLIPSIS;
        }
        return prefix + ELLIPSIS + key.subSequence(key.length() - SHOWN_TAIL, key.length());
    }

    public static String mask(Secret key) {
        char[] chars = key.chars();
        try {
            return mask(CharBuffer.wrap(chars));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static boolean startsWith(CharSequence text, String prefix) {
        if (text.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

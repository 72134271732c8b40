package jobs.x402.console.keys;

/**
 * What a decrypted value must look like to count as a key. The scheme has no MAC, so a wrong secret can pass the
 * padding check with garbage; the shape is what tells garbage apart.
 */
@FunctionalInterface
interface PlaintextShape {
    boolean accepts(CharSequence plaintext);

    /** OpenRouter keys ({@code the OpenRouter key table's encrypted_api_key}). */
    PlaintextShape OPENROUTER_KEY = OpenRouterKeyShape::matches;

    /**
     * A printable ASCII token without spaces (an Anthropic or other provider API key): what the Claude config column
     * holds. Garbage from a wrong secret that happens to pass the padding check is almost never this.
     */
    PlaintextShape API_TOKEN = plaintext -> {
        if (plaintext.length() < 8 || plaintext.length() > 512) {
            return false;
        }
        for (int i = 0; i < plaintext.length(); i++) {
            char c = plaintext.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    };

    /** Any UTF-8 text, for columns of the same scheme that hold other kinds of secret. */
    PlaintextShape ANY_TEXT = plaintext -> true;
}

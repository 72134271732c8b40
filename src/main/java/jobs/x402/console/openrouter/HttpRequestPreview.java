package jobs.x402.console.openrouter;

import java.util.Map;

/** An HTTP request as it would be sent, the API key replaced by {@link #MASKED_KEY}: for previews and diffs. */
public record HttpRequestPreview(String method, String url, Map<String, String> headers, String body) {
    public static final String MASKED_KEY = "sk-or-v1-••••";

    public HttpRequestPreview {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }
}

package jobs.x402.console.cli;

import jobs.x402.console.openrouter.OpenRouterClient;
import picocli.CommandLine.Option;

/** Where OpenRouter lives: --openrouter-url, else OPENROUTER_BASE_URL, else the public API. Keys never come here. */
public class OpenRouterOptions {
    @Option(names = "--openrouter-url", paramLabel = "URL",
            description = "OpenRouter API base URL (default: $OPENROUTER_BASE_URL, else "
                    + OpenRouterClient.DEFAULT_BASE_URL + ").")
    String url;

    /** The override for the session's client; null means the environment's ($OPENROUTER_BASE_URL or the public API). */
    String override() {
        return url == null || url.isBlank() ? null : url;
    }
}

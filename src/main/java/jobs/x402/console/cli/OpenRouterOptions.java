package jobs.x402.console.cli;

import jobs.x402.console.openrouter.OpenRouterClient;
import picocli.CommandLine.Option;

/** Where OpenRouter lives: --openrouter-url, else OPENROUTER_BASE_URL, else the public API. Keys never come here. */
public class OpenRouterOptions {
    static final String BASE_URL_VARIABLE = "OPENROUTER_BASE_URL";

    @Option(names = "--openrouter-url", paramLabel = "URL",
            description = "OpenRouter API base URL (default: $OPENROUTER_BASE_URL, else "
                    + OpenRouterClient.DEFAULT_BASE_URL + ").")
    String url;

    String baseUrl(CliContext context) {
        if (url != null && !url.isBlank()) {
            return url;
        }
        String fromEnv = context.env().get(BASE_URL_VARIABLE);
        return fromEnv == null || fromEnv.isBlank() ? OpenRouterClient.DEFAULT_BASE_URL : fromEnv;
    }

    OpenRouterClient client(CliContext context) {
        return OpenRouterClient.builder().baseUrl(baseUrl(context)).build();
    }
}

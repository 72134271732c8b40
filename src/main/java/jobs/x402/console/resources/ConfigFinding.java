package jobs.x402.console.resources;

/**
 * One thing the validator noticed about an openrouter_instant resource.
 *
 * @param field the config key or column it is about, e.g. "params.temperature" or "pt_max_tokens"
 */
public record ConfigFinding(Severity severity, String field, String message) {

    public enum Severity {
        /** The live backend refuses the resource, or OpenRouter would reject what it sends. */
        ERROR,
        /** The live backend runs it differently from what the config says. */
        WARNING,
        /** Harmless, but worth knowing (ignored keys, stale copies). */
        INFO
    }

    @Override
    public String toString() {
        return severity + " " + field + ": " + message;
    }
}

package jobs.x402.console.resources;

/**
 * Which shape of {@code openrouter_config} a reader honours (docs/backend-behaviour.md §4.3): the live executor reads flat keys
 * only; the migration's comment documents a nested {@code params} object.
 */
public enum ConfigReading {
    /** Flat keys only, missing ones defaulted: what the live backend sends. */
    LIVE_BACKEND,
    /** The nested {@code params} where present, else the flat key: what the config's author asked for. */
    AS_CONFIGURED
}

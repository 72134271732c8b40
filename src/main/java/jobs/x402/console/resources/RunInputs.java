package jobs.x402.console.resources;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a caller of a resource sends: parameter values (strings for a valid call; other JSON types are kept so the
 * backend's refusal can be reproduced) and an optional user message.
 */
public record RunInputs(Map<String, Object> parameters, String userMessage) {
    public RunInputs {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public static RunInputs none() {
        return new RunInputs(Map.of(), null);
    }

    /** True when a user message was given; an empty one counts as none, as the backend's falsy test does. */
    public boolean hasUserMessage() {
        return userMessage != null && !userMessage.isEmpty();
    }
}

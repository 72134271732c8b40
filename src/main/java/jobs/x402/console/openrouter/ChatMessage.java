package jobs.x402.console.openrouter;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Objects;

/** One message of a chat request, as OpenRouter (and the OpenAI shape) takes it: a role and plain text content. */
@JsonPropertyOrder({"role", "content"})
public record ChatMessage(String role, String content) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}

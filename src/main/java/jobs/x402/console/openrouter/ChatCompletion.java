package jobs.x402.console.openrouter;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A non-streaming chat completion as OpenRouter returns it; {@code usage} is null only if the body lacked it. */
record ChatCompletion(String id, String model, String provider, List<Choice> choices, Usage usage) {
    public ChatCompletion {
        choices = List.copyOf(choices);
    }

    /** {@code images} holds the URLs (base64 data URLs for image models) of {@code message.images[].image_url}. */
    public record Choice(int index, String role, String content, List<String> images, String finishReason,
                         String nativeFinishReason) {
        public Choice {
            images = List.copyOf(images);
        }
    }

    /** The first choice's text, or "" as the backend reads it (docs/backend-behaviour.md section 4.7). */
    public String text() {
        if (choices.isEmpty() || choices.get(0).content() == null) {
            return "";
        }
        return choices.get(0).content();
    }

    public List<String> images() {
        return choices.isEmpty() ? List.of() : choices.get(0).images();
    }

    public String finishReason() {
        return choices.isEmpty() ? null : choices.get(0).finishReason();
    }

    static ChatCompletion from(JsonNode body, String headerGenerationId) {
        List<Choice> choices = new ArrayList<>();
        for (JsonNode c : body.path("choices")) {
            JsonNode message = c.path("message");
            choices.add(new Choice(c.path("index").asInt(choices.size()), textOrNull(message.get("role")),
                    textOrNull(message.get("content")), imageUrls(message.get("images")),
                    textOrNull(c.get("finish_reason")), textOrNull(c.get("native_finish_reason"))));
        }
        String id = textOrNull(body.get("id"));
        return new ChatCompletion(id != null ? id : headerGenerationId, textOrNull(body.get("model")),
                textOrNull(body.get("provider")), choices, Usage.from(body.get("usage")));
    }

    static List<String> imageUrls(JsonNode images) {
        List<String> urls = new ArrayList<>();
        if (images != null) {
            for (JsonNode image : images) {
                String url = textOrNull(image.path("image_url").get("url"));
                if (url != null) {
                    urls.add(url);
                }
            }
        }
        return urls;
    }

    static String textOrNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    /** Sizes, not content: generated text and images can be large. */
    @Override
    public String toString() {
        return "ChatCompletion[id=" + id + ", model=" + model + ", choices=" + choices.size() + ", finish="
                + finishReason() + ", usage=" + usage + "]";
    }
}

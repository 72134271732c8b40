package jobs.x402.console.openrouter;

/** One dispatched Server-Sent Event: its type ("message" unless an {@code event:} field said otherwise), data, id. */
public record SseEvent(String type, String data, String id) {

    public boolean isDone() {
        return "[DONE]".equals(data);
    }
}

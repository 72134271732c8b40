package jobs.x402.console.resources;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.keys.CreatorKeyReader;
import jobs.x402.console.keys.IntegrationSecretSource;
import jobs.x402.console.openrouter.ChatRequest;
import jobs.x402.console.openrouter.ChatStream;
import jobs.x402.console.openrouter.ChatStreamListener;
import jobs.x402.console.openrouter.HttpRequestPreview;
import jobs.x402.console.openrouter.OpenRouterClient;
import jobs.x402.console.openrouter.OpenRouterException;
import jobs.x402.console.openrouter.StreamResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A test-run of an openrouter_instant resource: the request built as the backend would (or as configured, if the
 * operator asks), shown with the key masked beside what the live backend would send, then streamed with the
 * creator's key and kept in the local history.
 */
public final class InstantTestRun {
    private final DatabaseSession session;
    private final OpenRouterClient client;
    private final RunHistory history;

    public InstantTestRun(DatabaseSession session, OpenRouterClient client, RunHistory history) {
        this.session = session;
        this.client = client;
        this.history = history;
    }

    /**
     * The request about to be sent and its comparison with the live backend's.
     *
     * @param request what will go on the wire (stream on), its preview masked
     */
    public record Prepared(ResourceDetails resource, RunInputs inputs, ConfigReading reading,
                           InstantRequestBuilder.RequestComparison comparison, ChatRequest request,
                           HttpRequestPreview preview, List<String> notes) {
    }

    /** Builds and compares; sends nothing and needs no key. Refusals are the backend's (usage). */
    public Prepared prepare(ResourceDetails resource, RunInputs inputs, ConfigReading reading) {
        InstantRequestBuilder.RequestComparison comparison = InstantRequestBuilder.compare(resource.definition(),
                inputs);
        InstantRequestBuilder.BuiltRequest chosen = reading == ConfigReading.LIVE_BACKEND ? comparison.live()
                : comparison.configured();
        ChatRequest request = chosen.request().withStream(true);
        List<String> notes = new ArrayList<>(chosen.notes());
        if (!resource.active()) {
            notes.add("the resource is inactive: buyers cannot call it");
        }
        notes.add(ATTRIBUTION_NOTE);
        return new Prepared(resource, inputs, reading, comparison, request, client.preview(request, true), notes);
    }

    /** A stream in flight: cancel it, or wait for its record (already in the history). */
    public final class Running {
        private final Prepared prepared;
        private final ChatStream stream;
        private final Instant startedAt;

        private Running(Prepared prepared, ChatStream stream, Instant startedAt) {
            this.prepared = prepared;
            this.stream = stream;
            this.startedAt = startedAt;
        }

        public void cancel() {
            stream.cancel();
        }

        public boolean isDone() {
            return stream.isDone();
        }

        /** Blocks until the stream ends; a failed run is recorded too, then its typed failure is in the record. */
        public RunRecord finish() {
            RunRecord record;
            try {
                StreamResult result = stream.await();
                record = recordOf(prepared, startedAt, result, null);
            } catch (OperatorException failure) {
                record = recordOf(prepared, startedAt, null, failure);
            }
            history.append(record);
            return record;
        }
    }

    /**
     * Loads the creator's key (enabled, decrypted with the secret), starts the stream and forgets the key at once:
     * the client has already put it in the request header.
     */
    /** The run keeps the live backend's headers exactly; OpenRouter's docs have a newer name for one of them. */
    static final String ATTRIBUTION_NOTE = "the attribution headers are the live backend's (HTTP-Referer, X-Title);"
            + " OpenRouter now prefers X-OpenRouter-Title and accepts X-Title for backwards compatibility, so the"
            + " test-run sends X-Title as the backend does";

    public Running start(Prepared prepared, IntegrationSecretSource secretSource, ChatStreamListener listener) {
        Instant startedAt = Instant.now();
        // refusals here (no key, disabled, wrong secret) are not runs: nothing is sent, nothing recorded
        Secret key = new CreatorKeyReader(session).enabledKey(prepared.resource().creatorId(), secretSource);
        try {
            return new Running(prepared, client.chatStream(prepared.request(), key, listener), startedAt);
        } finally {
            key.clear();
        }
    }

    private RunRecord recordOf(Prepared p, Instant at, StreamResult result, OperatorException failure) {
        OpenRouterException.Kind errorKind = null;
        Integer status = null;
        if (failure instanceof OpenRouterException e) {
            errorKind = e.kind();
            status = e.httpStatus() == 0 ? null : e.httpStatus();
        }
        List<String> images = result == null ? List.of() : result.images().stream().map(InstantTestRun::describe)
                .toList();
        long total = java.time.Duration.between(at, Instant.now()).toMillis();
        return new RunRecord(UUID.randomUUID().toString(), at, session.identity().bannerLine(), p.resource().slug(),
                p.resource().serverSlug(), p.request().model(), p.reading(), p.inputs().parameters(),
                p.inputs().userMessage(), p.request().toJson(),
                result == null ? RunRecord.Outcome.FAILED : RunRecord.Outcome.of(result.outcome()), result == null ? "" : result.text(),
                result == null || result.reasoning().isEmpty() ? null : result.reasoning(), images,
                result == null ? null : result.finishReason(),
                result == null || result.usage() == null ? null : result.usage().promptTokens(),
                result == null || result.usage() == null ? null : result.usage().completionTokens(),
                result == null || result.usage() == null ? null : result.usage().cost(),
                result == null || result.timeToFirstToken() == null ? null : result.timeToFirstToken().toMillis(),
                result == null ? total : result.totalTime().toMillis(),
                result == null ? (failure instanceof OpenRouterException e ? e.generationId() : null)
                        : result.generationId(),
                errorKind, status, failure == null ? null : failure.problem(),
                failure == null ? null : failure.remedy());
    }

    /** "data:image/png, 48,213 chars": an image as the history keeps it, without its data. */
    static String describe(String url) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String head = comma > 0 ? url.substring(0, comma) : url.substring(0, Math.min(40, url.length()));
            int semicolon = head.indexOf(';');
            return (semicolon > 0 ? head.substring(0, semicolon) : head) + ", " + String.format("%,d", url.length())
                    + " chars";
        }
        return url.length() > 200 ? url.substring(0, 200) + "…" : url;
    }
}

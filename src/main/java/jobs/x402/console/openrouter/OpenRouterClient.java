package jobs.x402.console.openrouter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The console's one OpenRouter client: immutable, built once, safe to share between threads. Sends the attribution
 * headers the x402 backend sends, retries 408/429/5xx a bounded number of times honouring Retry-After (a stream only
 * before its first token), and turns every failure into an {@link OpenRouterException}. The API key is passed per call
 * and only ever placed in the Authorization header.
 */
public final class OpenRouterClient implements AutoCloseable {
    public static final String DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";
    public static final String DEFAULT_REFERER = "https://x402.jobs";
    public static final String DEFAULT_TITLE = "x402.jobs";

    private static final Logger LOG = LoggerFactory.getLogger(OpenRouterClient.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final AtomicInteger STREAM_THREADS = new AtomicInteger();

    /** Waits between retries; tests replace it to record the waits instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    private final HttpUrl baseUrl;
    private final OkHttpClient http;
    private final String referer;
    private final String title;
    private final int maxRetries;
    private final Duration maxRetryWait;
    private final Duration initialBackoff;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ExecutorService streamThreads;
    /** False for a view made by {@link #withBaseUrl}: the pools belong to the client it was made from. */
    private final boolean ownsPools;

    private OpenRouterClient(Builder b) {
        this.baseUrl = b.baseUrl;
        this.referer = b.referer;
        this.title = b.title;
        this.maxRetries = b.maxRetries;
        this.maxRetryWait = b.maxRetryWait;
        this.initialBackoff = b.initialBackoff;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .writeTimeout(b.writeTimeout)
                .callTimeout(b.callTimeout)
                // retries are ours, counted and visible; OkHttp's silent ones would repeat a billed request
                .retryOnConnectionFailure(false)
                .build();
        this.streamThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "openrouter-stream-" + STREAM_THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.ownsPools = true;
    }

    private OpenRouterClient(OpenRouterClient shared, HttpUrl baseUrl) {
        this.baseUrl = baseUrl;
        this.referer = shared.referer;
        this.title = shared.title;
        this.maxRetries = shared.maxRetries;
        this.maxRetryWait = shared.maxRetryWait;
        this.initialBackoff = shared.initialBackoff;
        this.clock = shared.clock;
        this.sleeper = shared.sleeper;
        this.http = shared.http;
        this.streamThreads = shared.streamThreads;
        this.ownsPools = false;
    }

    /**
     * The same client pointed at another base URL (a mock server, a proxy): connection pool, dispatcher and stream
     * threads are shared, so changing the URL per call costs nothing and leaks nothing.
     */
    public OpenRouterClient withBaseUrl(String value) {
        HttpUrl parsed = Builder.parseBaseUrl(value);
        return parsed.equals(baseUrl) ? this : new OpenRouterClient(this, parsed);
    }

    /** Stops the stream threads and the HTTP pools; calls still running are cancelled. Views made from it close too. */
    @Override
    public void close() {
        if (!ownsPools) {
            return;
        }
        streamThreads.shutdownNow();
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client with every default: the public OpenRouter API. */
    public static OpenRouterClient create() {
        return builder().build();
    }

    public String baseUrl() {
        return baseUrl.toString();
    }

    public int maxRetries() {
        return maxRetries;
    }

    // ---------------------------------------------------------------- chat

    /** POST /chat/completions with {@code stream: false}. */
    public ChatCompletion chat(ChatRequest request, Secret key) {
        ChatRequest body = request.withStream(false);
        String auth = authorization(key);
        String what = "Chat completion with " + body.model();
        return withRetries(what, null, null, attempt -> {
            Request http = post("chat/completions", body.toJson(), auth, false);
            try (Response response = execute(http, null)) {
                String generationId = response.header("X-Generation-Id");
                byte[] bytes = bodyBytes(response);
                log(http, response, attempt);
                if (!response.isSuccessful()) {
                    throw OpenRouterFailures.fromStatus(what, response.code(), bytes, response.header("Retry-After"),
                            clock, generationId);
                }
                JsonNode json = requireJson(what, response.code(), bytes, generationId);
                if (json.path("error").isObject() && !json.has("choices")) {
                    throw OpenRouterFailures.fromErrorObject(what, json.get("error"), generationId, false, clock);
                }
                if (!json.path("choices").isArray()) {
                    throw OpenRouterFailures.unexpectedShape(what, response.code(), "choices", generationId);
                }
                refuseChoiceError(what, json, generationId);
                return ChatCompletion.from(json, generationId);
            } catch (IOException e) {
                throw OpenRouterFailures.fromIo(what, baseUrl.host(), e, false);
            }
        });
    }

    /**
     * POST /chat/completions with {@code stream: true}, run on a thread of this client. The listener sees each token as
     * it arrives; the returned handle gives the {@link StreamResult} or the typed failure, and cancels.
     */
    public ChatStream chatStream(ChatRequest request, Secret key, ChatStreamListener listener) {
        ChatRequest body = request.withStream(true);
        String auth = authorization(key);
        ChatStream handle = new ChatStream();
        long started = System.nanoTime();
        streamThreads.execute(() -> {
            try {
                handle.complete(runStream(body, auth, listener, handle, started));
            } catch (Throwable t) {
                handle.fail(t);
            }
        });
        return handle;
    }

    private StreamResult runStream(ChatRequest body, String auth, ChatStreamListener listener, ChatStream handle,
                                   long started) {
        String what = "Streamed chat completion with " + body.model();
        StreamState state = new StreamState(started);
        try {
            return withRetries(what, handle, listener, attempt -> {
                state.startAttempt(attempt);
                return streamOnce(what, body, auth, listener, handle, state);
            });
        } catch (StreamCancelled cancelled) {
            return state.result(StreamResult.Outcome.CANCELLED, null);
        }
    }

    private StreamResult streamOnce(String what, ChatRequest body, String auth, ChatStreamListener listener,
                                    ChatStream handle, StreamState state) {
        Request http = post("chat/completions", body.toJson(), auth, true);
        try (Response response = execute(http, handle)) {
            log(http, response, state.attempts);
            String headerId = response.header("X-Generation-Id");
            if (headerId != null) {
                state.generationId = headerId;
            }
            if (!response.isSuccessful()) {
                throw OpenRouterFailures.fromStatus(what, response.code(), bodyBytes(response),
                        response.header("Retry-After"), clock, state.generationId);
            }
            ResponseBody responseBody = response.body();
            MediaType type = responseBody.contentType();
            if (type != null && !"event-stream".equals(type.subtype())) {
                return wholeBodyInsteadOfStream(what, response.code(), bodyBytes(response), listener, state);
            }
            SseEventReader reader = new SseEventReader(responseBody.byteStream(), listener::onComment);
            SseEvent event;
            while ((event = reader.next()) != null) {
                if (event.isDone()) {
                    return state.result(StreamResult.Outcome.COMPLETED, null);
                }
                state.accept(what, event.data(), listener, response.code());
            }
            if (handle.isCancelled()) {
                throw new StreamCancelled();
            }
            return state.result(StreamResult.Outcome.ENDED_WITHOUT_DONE, reader.truncatedTail());
        } catch (IOException e) {
            if (handle.isCancelled()) {
                throw new StreamCancelled();
            }
            throw OpenRouterFailures.fromIo(what, baseUrl.host(), e, state.started());
        }
    }

    private StreamResult wholeBodyInsteadOfStream(String what, int status, byte[] bytes, ChatStreamListener listener,
                                                  StreamState state) {
        // a proxy or an old server may ignore "stream": use the whole answer rather than fail
        JsonNode json = requireJson(what, status, bytes, state.generationId);
        if (json.path("error").isObject() && !json.has("choices")) {
            throw OpenRouterFailures.fromErrorObject(what, json.get("error"), state.generationId, false, clock);
        }
        if (!json.path("choices").isArray()) {
            throw OpenRouterFailures.unexpectedShape(what, status, "choices", state.generationId);
        }
        refuseChoiceError(what, json, state.generationId);
        ChatCompletion completion = ChatCompletion.from(json, state.generationId);
        state.chunks = 1;
        state.generationId = completion.id();
        state.model = completion.model();
        state.provider = completion.provider();
        if (!completion.text().isEmpty()) {
            state.token(listener, completion.text());
        }
        for (String url : completion.images()) {
            state.image(listener, url);
        }
        if (!completion.choices().isEmpty()) {
            state.finishReason = completion.finishReason();
            state.nativeFinishReason = completion.choices().get(0).nativeFinishReason();
        }
        state.usage = completion.usage();
        return state.result(StreamResult.Outcome.COMPLETED, null);
    }

    /**
     * A provider error inside a whole 200 answer: {@code choices[0].error} with {@code finish_reason: "error"} and
     * whatever partial content came before it. It was generated (and billed), so it is never retried.
     */
    private void refuseChoiceError(String what, JsonNode json, String generationId) {
        JsonNode choice = json.path("choices").path(0);
        if (choice.path("error").isObject()) {
            String partial = ChatCompletion.textOrNull(choice.path("message").get("content"));
            throw OpenRouterFailures.fromErrorObject(what, choice.get("error"), generationId,
                    partial != null && !partial.isEmpty(), clock);
        }
    }

    /** What one stream has produced so far, across attempts. */
    private final class StreamState {
        private final long started;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder reasoning = new StringBuilder();
        private final List<String> images = new ArrayList<>();
        /** The first delta of any kind (text, reasoning, image): the stream has started and may be billed. */
        private long firstTokenAt = -1;
        private int tokens;
        private int chunks;
        private int attempts = 1;
        private String generationId;
        private String model;
        private String provider;
        private String finishReason;
        private String nativeFinishReason;
        private Usage usage;

        StreamState(long started) {
            this.started = started;
        }

        void accept(String what, String data, ChatStreamListener listener, int status) {
            JsonNode chunk;
            try {
                chunk = Json.mapper().readTree(data);
            } catch (JsonProcessingException e) {
                OpenRouterFailures.ParsedBody parsed = OpenRouterFailures.parse(
                        data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                throw OpenRouterFailures.unreadable(what + (started() ? " (mid-stream chunk)" : ""), status, parsed,
                        generationId);
            }
            chunks++;
            if (generationId == null && chunk.hasNonNull("id")) {
                generationId = chunk.get("id").asText();
            }
            if (chunk.hasNonNull("model")) {
                model = chunk.get("model").asText();
            }
            if (chunk.hasNonNull("provider")) {
                provider = chunk.get("provider").asText();
            }
            if (chunk.hasNonNull("usage")) {
                usage = Usage.from(chunk.get("usage"));
            }
            JsonNode choice = chunk.path("choices").path(0);
            JsonNode delta = choice.path("delta");
            String thought = reasoningOf(delta);
            if (thought != null && !thought.isEmpty()) {
                reasoning(listener, thought);
            }
            String content = ChatCompletion.textOrNull(delta.get("content"));
            if (content != null && !content.isEmpty()) {
                token(listener, content);
            }
            for (String url : ChatCompletion.imageUrls(delta.get("images"))) {
                image(listener, url);
            }
            String chunkFinish = ChatCompletion.textOrNull(choice.get("finish_reason"));
            if (chunkFinish != null) {
                finishReason = chunkFinish;
            }
            if (choice.hasNonNull("native_finish_reason")) {
                nativeFinishReason = choice.get("native_finish_reason").asText();
            }
            if (chunk.path("error").isObject() || "error".equals(chunkFinish)) {
                JsonNode error = chunk.path("error").isObject() ? chunk.get("error")
                        : Json.mapper().createObjectNode().put("message", "the provider ended the stream with an error");
                throw OpenRouterFailures.fromErrorObject(what, error, generationId, started(), clock);
            }
        }

        /** Any delta counts: an error after only reasoning came is mid-stream, and is never retried (billed). */
        boolean started() {
            return firstTokenAt >= 0;
        }

        void reasoning(ChatStreamListener listener, String thought) {
            if (firstTokenAt < 0) {
                firstTokenAt = System.nanoTime();
            }
            reasoning.append(thought);
            listener.onReasoning(thought);
        }

        void token(ChatStreamListener listener, String content) {
            if (firstTokenAt < 0) {
                firstTokenAt = System.nanoTime();
            }
            tokens++;
            text.append(content);
            listener.onDelta(content);
        }

        void image(ChatStreamListener listener, String url) {
            if (firstTokenAt < 0) {
                firstTokenAt = System.nanoTime();
            }
            tokens++;
            images.add(url);
            listener.onImage(url);
        }

        /** Retries happen only before the first token, so a new attempt starts from nothing but the clock. */
        void startAttempt(int attempt) {
            attempts = attempt;
            chunks = 0;
            generationId = null;
            model = null;
            provider = null;
            finishReason = null;
            nativeFinishReason = null;
            usage = null;
        }

        StreamResult result(StreamResult.Outcome outcome, String truncatedTail) {
            long now = System.nanoTime();
            return new StreamResult(outcome, generationId, model, provider, text.toString(), reasoning.toString(),
                    images, finishReason,
                    nativeFinishReason, usage, firstTokenAt < 0 ? null : Duration.ofNanos(firstTokenAt - started),
                    Duration.ofNanos(now - started), chunks, attempts, truncatedTail);
        }
    }

    /**
     * The reasoning a delta carries: {@code delta.reasoning} (text), else the text of its
     * {@code reasoning_details} entries ({@code text}, or {@code summary} for summarised reasoning).
     */
    static String reasoningOf(JsonNode delta) {
        String plain = ChatCompletion.textOrNull(delta.get("reasoning"));
        if (plain != null) {
            return plain;
        }
        JsonNode details = delta.get("reasoning_details");
        if (details == null || !details.isArray()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode detail : details) {
            String piece = ChatCompletion.textOrNull(detail.get("text"));
            if (piece == null) {
                piece = ChatCompletion.textOrNull(detail.get("summary"));
            }
            if (piece != null) {
                text.append(piece);
            }
        }
        return text.length() == 0 ? null : text.toString();
    }

    /** Unwinds a stream that the operator cancelled; never leaves this class. */
    private static final class StreamCancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StreamCancelled() {
            super("cancelled", null, false, false);
        }
    }

    // ---------------------------------------------------------------- catalog, key, generation

    /** GET /models: the public catalog (no key needed). */
    public List<ModelInfo> models() {
        return models(false);
    }

    /**
     * GET /models. OpenRouter lists only text-output models unless asked for {@code output_modalities=all}; the
     * backend's cron asks bare, so a sync that mirrors it does too.
     */
    public List<ModelInfo> models(boolean allOutputModalities) {
        String what = "Fetching the OpenRouter model catalog";
        JsonNode data = getData(what, "models", allOutputModalities ? Map.of("output_modalities", "all") : Map.of(),
                null, true);
        List<ModelInfo> models = new ArrayList<>(data.size());
        for (JsonNode model : data) {
            models.add(convert(what, model, ModelInfo.class));
        }
        return models;
    }

    /** GET /key: label, limit, usage and tier of the given key; a 401 means the key is invalid. */
    public KeyInfo key(Secret key) {
        JsonNode data = getData("Checking the OpenRouter key", "key", Map.of(), authorization(key), false);
        return convert("Checking the OpenRouter key", data, KeyInfo.class);
    }

    /** GET /generation?id=: stats OpenRouter recorded for one generation. */
    public GenerationStats generation(String id, Secret key) {
        if (id == null || id.isBlank()) {
            throw OperatorException.usage("No generation id given", "pass the id of a completion (gen-…)");
        }
        JsonNode data = getData("Fetching generation " + id, "generation", Map.of("id", id), authorization(key),
                false);
        return convert("Fetching generation " + id, data, GenerationStats.class);
    }

    private static <T> T convert(String what, JsonNode node, Class<T> type) {
        try {
            return Json.mapper().convertValue(node, type);
        } catch (IllegalArgumentException e) {
            // e.g. a price that is not a number: name the field rather than fail with a raw Jackson error
            throw OpenRouterFailures.unexpectedShape(what, 200, "readable " + type.getSimpleName() + " ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", null);
        }
    }

    private JsonNode getData(String what, String path, Map<String, String> query, String auth, boolean array) {
        return withRetries(what, null, null, attempt -> {
            HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments(path);
            query.forEach(url::addQueryParameter);
            Request.Builder request = new Request.Builder().url(url.build()).get();
            attribution(request);
            if (auth != null) {
                request.header("Authorization", auth);
            }
            Request http = request.build();
            try (Response response = execute(http, null)) {
                byte[] bytes = bodyBytes(response);
                log(http, response, attempt);
                if (!response.isSuccessful()) {
                    throw OpenRouterFailures.fromStatus(what, response.code(), bytes, response.header("Retry-After"),
                            clock, null);
                }
                JsonNode json = requireJson(what, response.code(), bytes, null);
                JsonNode data = json.get("data");
                if (data == null || (array ? !data.isArray() : !data.isObject())) {
                    throw OpenRouterFailures.unexpectedShape(what, response.code(),
                            array ? "\"data\" array" : "\"data\" object", null);
                }
                return data;
            } catch (IOException e) {
                throw OpenRouterFailures.fromIo(what, baseUrl.host(), e, false);
            }
        });
    }

    // ---------------------------------------------------------------- preview

    /**
     * The request {@code chat}/{@code chatStream} would send, with the key masked: what the console shows before it
     * sends anything.
     */
    public HttpRequestPreview preview(ChatRequest request, boolean stream) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + HttpRequestPreview.MASKED_KEY);
        headers.put("Content-Type", "application/json");
        headers.put("HTTP-Referer", referer);
        headers.put("X-Title", title);
        if (stream) {
            headers.put("Accept", "text/event-stream");
        }
        return new HttpRequestPreview("POST", baseUrl.newBuilder().addPathSegments("chat/completions").build()
                .toString(), headers, request.withStream(stream).toJson());
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    private interface Attempt<T> {
        T run(int attempt);
    }

    private <T> T withRetries(String what, ChatStream handle, ChatStreamListener listener, Attempt<T> attempt) {
        int number = 1;
        while (true) {
            try {
                return attempt.run(number);
            } catch (OpenRouterException e) {
                Duration wait = retryWait(e, number);
                if (wait == null) {
                    throw number == 1 ? e : e.withAttempts(number);
                }
                LOG.info("{}: {} (attempt {} of {}), retrying in {} ms", what, e.kind(), number, maxRetries + 1,
                        wait.toMillis());
                if (listener != null) {
                    listener.onRetry(number + 1, wait, e);
                }
                pause(wait, handle);
                number++;
            }
        }
    }

    /** How long to wait before the next attempt, or null when the failure must surface now. */
    Duration retryWait(OpenRouterException e, int attemptsSoFar) {
        if (attemptsSoFar > maxRetries || !e.retryable() || e.midStream()) {
            return null;
        }
        if (e.retryAt() != null) {
            Duration wait = Duration.between(clock.instant(), e.retryAt());
            if (wait.isNegative()) {
                return Duration.ZERO;
            }
            // a wait longer than the cap is better told to the operator ("retry at …") than slept through
            return wait.compareTo(maxRetryWait) > 0 ? null : wait;
        }
        Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attemptsSoFar - 1, 16));
        return backoff.compareTo(maxRetryWait) > 0 ? maxRetryWait : backoff;
    }

    private void pause(Duration wait, ChatStream handle) {
        if (handle != null && !handle.beginSleep()) {
            throw new StreamCancelled();
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            if (handle != null && handle.isCancelled()) {
                throw new StreamCancelled();
            }
            Thread.currentThread().interrupt();
            throw new jobs.x402.console.core.OperationCancelledException();
        } finally {
            if (handle != null) {
                handle.endSleep();
            }
        }
        if (handle != null && handle.isCancelled()) {
            throw new StreamCancelled();
        }
    }

    private Response execute(Request request, ChatStream handle) throws IOException {
        Call call = http.newCall(request);
        if (handle != null && !handle.attach(call)) {
            throw new StreamCancelled();
        }
        return call.execute();
    }

    private Request post(String path, String json, String auth, boolean stream) {
        Request.Builder request = new Request.Builder()
                .url(baseUrl.newBuilder().addPathSegments(path).build())
                .header("Authorization", auth)
                .post(RequestBody.create(json, JSON));
        attribution(request);
        if (stream) {
            request.header("Accept", "text/event-stream");
        }
        return request.build();
    }

    private void attribution(Request.Builder request) {
        request.header("HTTP-Referer", referer).header("X-Title", title);
    }

    private static byte[] bodyBytes(Response response) throws IOException {
        ResponseBody body = response.body();
        return body == null ? new byte[0] : body.bytes();
    }

    private static JsonNode requireJson(String what, int status, byte[] bytes, String generationId) {
        OpenRouterFailures.ParsedBody parsed = OpenRouterFailures.parse(bytes);
        if (parsed.json() == null) {
            throw OpenRouterFailures.unreadable(what, status, parsed, generationId);
        }
        return parsed.json();
    }

    /** The header value; checked first so that a bad key fails here and not inside OkHttp with its text in a message. */
    private static String authorization(Secret key) {
        if (key == null || key.isCleared() || key.isEmpty()) {
            throw OpenRouterFailures.malformedKey("it is empty");
        }
        char[] chars = key.chars();
        try {
            for (char c : chars) {
                if (c <= ' ' || c >= 0x7f) {
                    throw OpenRouterFailures.malformedKey("it contains spaces, line breaks or non-ASCII characters");
                }
            }
            return "Bearer " + new String(chars);
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    private static void log(Request request, Response response, int attempt) {
        if (LOG.isDebugEnabled()) {
            // method and path only: headers hold the key, query strings and bodies may hold customer data
            LOG.debug("OpenRouter {} {} -> {} in {} ms (attempt {})", request.method(), request.url().encodedPath(),
                    response.code(), response.receivedResponseAtMillis() - response.sentRequestAtMillis(), attempt);
        }
    }

    @Override
    public String toString() {
        return "OpenRouterClient[" + baseUrl + ", maxRetries=" + maxRetries + "]";
    }

    public static final class Builder {
        private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(90);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofMinutes(10);
        private String referer = DEFAULT_REFERER;
        private String title = DEFAULT_TITLE;
        private int maxRetries = 2;
        private Duration maxRetryWait = Duration.ofSeconds(60);
        private Duration initialBackoff = Duration.ofMillis(500);
        private Clock clock = Clock.systemDefaultZone();
        private Sleeper sleeper = Sleeper.REAL;

        private Builder() {
        }

        /** Where the API lives, e.g. {@code https://openrouter.ai/api/v1} or a mock server's URL. */
        public Builder baseUrl(String value) {
            this.baseUrl = parseBaseUrl(value);
            return this;
        }

        static HttpUrl parseBaseUrl(String value) {
            HttpUrl parsed = value == null ? null : HttpUrl.parse(value.trim());
            if (parsed == null) {
                throw OperatorException.usage("Not an http(s) URL for OpenRouter: " + value,
                        "give something like " + DEFAULT_BASE_URL);
            }
            return parsed;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = finite(value, "connect timeout");
            return this;
        }

        /** The longest silence between two reads; OpenRouter's keep-alive comments come far more often. */
        public Builder readTimeout(Duration value) {
            this.readTimeout = finite(value, "read timeout");
            return this;
        }

        public Builder writeTimeout(Duration value) {
            this.writeTimeout = finite(value, "write timeout");
            return this;
        }

        /** The whole call, stream included, from connect to the last byte. */
        public Builder callTimeout(Duration value) {
            this.callTimeout = finite(value, "call timeout");
            return this;
        }

        public Builder referer(String value) {
            this.referer = requireHeaderValue(value, "HTTP-Referer");
            return this;
        }

        public Builder title(String value) {
            this.title = requireHeaderValue(value, "X-Title");
            return this;
        }

        /** Extra attempts after the first for 408/429/5xx; 0 disables retrying. */
        public Builder maxRetries(int value) {
            if (value < 0 || value > 10) {
                throw new IllegalArgumentException("maxRetries must be between 0 and 10, was " + value);
            }
            this.maxRetries = value;
            return this;
        }

        /** The longest single wait; a Retry-After beyond it fails at once with "retry at …". */
        public Builder maxRetryWait(Duration value) {
            this.maxRetryWait = finite(value, "max retry wait");
            return this;
        }

        public Builder initialBackoff(Duration value) {
            this.initialBackoff = finite(value, "initial backoff");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = java.util.Objects.requireNonNull(value);
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = java.util.Objects.requireNonNull(value);
            return this;
        }

        public OpenRouterClient build() {
            return new OpenRouterClient(this);
        }

        private static Duration finite(Duration value, String name) {
            // OkHttp reads 0 as "no timeout": refuse it so a call can never hang forever
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        private static String requireHeaderValue(String value, String name) {
            if (value == null || value.isBlank() || !value.chars().allMatch(c -> c >= ' ' && c < 0x7f)) {
                throw new IllegalArgumentException(name + " must be printable ASCII, was " + value);
            }
            return value;
        }
    }
}

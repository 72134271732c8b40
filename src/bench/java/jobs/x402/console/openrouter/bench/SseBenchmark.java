package jobs.x402.console.openrouter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.Secret;
import jobs.x402.console.openrouter.ChatMessage;
import jobs.x402.console.openrouter.ChatRequest;
import jobs.x402.console.openrouter.ChatStreamListener;
import jobs.x402.console.openrouter.OpenRouterClient;
import jobs.x402.console.openrouter.SseEvent;
import jobs.x402.console.openrouter.SseEventReader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: prints SSE parsing throughput (chunks/s on the calling thread, i.e. one core) and the latency the
 * client adds to the first token over a raw socket read of the same local stream.
 * Run: {@code mvn -o -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dconsole.mainClass=jobs.x402.console.openrouter.bench.SseBenchmark}
 */
public final class SseBenchmark {
    private static final String CHUNK = "data: {\"id\":\"gen-1749999999-AbCdEfGhIjKlMnOpQrSt\",\"provider\":\"OpenAI\","
            + "\"model\":\"openai/gpt-4o-mini\",\"object\":\"chat.completion.chunk\",\"created\":1749999999,"
            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\" token\"},"
            + "\"finish_reason\":null,\"native_finish_reason\":null,\"logprobs\":null}]}\n\n";
    private static final String FINAL = "data: {\"id\":\"gen-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,"
            + "\"total_tokens\":12,\"cost\":0.0001}}\n\ndata: [DONE]\n\n";

    private SseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // per-request debug lines would be measured along with the client
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        System.out.printf(Locale.ROOT, "SSE benchmark, Java %s, %d available processors, chunk %d bytes%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), CHUNK.length());
        throughput(chunks);
        latency(300);
    }

    // ------------------------------------------------------------ throughput

    private static void throughput(int chunks) throws IOException {
        byte[] stream = stream(chunks);
        System.out.printf(Locale.ROOT, "%nThroughput over %d chunks (%.1f MB), best of 5 after warm-up:%n", chunks,
                stream.length / 1e6);
        System.out.printf(Locale.ROOT, "  %-44s %14s %10s%n", "pipeline", "chunks/s", "MB/s");
        report("SSE framing only (8 KB reads)", stream, chunks, false, 8192);
        report("SSE framing + JSON chunk decode (8 KB reads)", stream, chunks, true, 8192);
        report("SSE framing, 1-byte reads", stream, chunks / 10, false, 1);
    }

    private static void report(String name, byte[] stream, int chunks, boolean decode, int readSize)
            throws IOException {
        byte[] input = readSize == 1 ? Arrays.copyOf(stream, chunks * CHUNK.length()) : stream;
        for (int i = 0; i < 3; i++) {
            run(input, decode, readSize);
        }
        long best = Long.MAX_VALUE;
        long counted = 0;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            counted = run(input, decode, readSize);
            best = Math.min(best, System.nanoTime() - start);
        }
        double seconds = best / 1e9;
        System.out.printf(Locale.ROOT, "  %-44s %,14.0f %10.1f%n", name, counted / seconds,
                input.length / 1e6 / seconds);
    }

    private static long run(byte[] stream, boolean decode, int readSize) throws IOException {
        InputStream in = readSize == 1 ? new OneByteInputStream(stream) : new ByteArrayInputStream(stream);
        SseEventReader reader = new SseEventReader(in, null);
        long count = 0;
        long chars = 0;
        SseEvent event;
        while ((event = reader.next()) != null) {
            if (event.isDone()) {
                break;
            }
            if (decode) {
                JsonNode chunk = Json.mapper().readTree(event.data());
                chars += chunk.path("choices").path(0).path("delta").path("content").asText("").length();
            }
            count++;
        }
        if (decode && chars == 0) {
            throw new IllegalStateException("decoded nothing");
        }
        return count;
    }

    private static byte[] stream(int chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(chunks * CHUNK.length() + 1024);
        byte[] chunk = CHUNK.getBytes(StandardCharsets.UTF_8);
        byte[] comment = ": OPENROUTER PROCESSING\n\n".getBytes(StandardCharsets.UTF_8);
        out.writeBytes(comment);
        for (int i = 0; i < chunks; i++) {
            out.writeBytes(chunk);
        }
        out.writeBytes(FINAL.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static final class OneByteInputStream extends InputStream {
        private final byte[] bytes;
        private int pos;

        OneByteInputStream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= bytes.length) {
                return -1;
            }
            b[off] = bytes[pos++];
            return 1;
        }
    }

    // ------------------------------------------------------------ latency

    /** When the local server wrote the first data chunk (nanoTime), per request. */
    private static final AtomicLong FIRST_CHUNK_WRITTEN = new AtomicLong();

    private static void latency(int iterations) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> serve(server), "bench-sse-server");
            serving.setDaemon(true);
            serving.start();
            String base = "http://127.0.0.1:" + server.getLocalPort() + "/api/v1";
            OpenRouterClient client = OpenRouterClient.builder().baseUrl(base).maxRetries(0).build();
            ChatRequest request = ChatRequest.builder().model("openai/gpt-4o-mini")
                    .message(ChatMessage.user("hi")).build();
            Secret key = Secret.of("sk-or-v1-benchmark");
            byte[] rawRequest = rawRequest(request.withStream(true).toJson(), server.getLocalPort());

            long[] clientAfterWrite = new long[iterations];
            long[] rawAfterWrite = new long[iterations];
            long[] clientFromStart = new long[iterations];
            long[] rawFromStart = new long[iterations];
            for (int i = 0; i < 200; i++) {
                clientOnce(client, request, key);
                rawOnce(server.getLocalPort(), rawRequest);
            }
            for (int i = 0; i < iterations; i++) {
                long[] c = clientOnce(client, request, key);
                long[] r = rawOnce(server.getLocalPort(), rawRequest);
                clientFromStart[i] = c[0];
                clientAfterWrite[i] = c[1];
                rawFromStart[i] = r[0];
                rawAfterWrite[i] = r[1];
            }
            System.out.printf(Locale.ROOT, "%nFirst token over a local socket, %d requests each (µs):%n", iterations);
            System.out.printf(Locale.ROOT, "  %-46s %9s %9s %9s%n", "measure", "median", "p95", "p99");
            row("raw socket: chunk written -> bytes seen", rawAfterWrite);
            row("client: chunk written -> onDelta", clientAfterWrite);
            row("raw socket: request start -> first token", rawFromStart);
            row("client: request start -> first token", clientFromStart);
            System.out.printf(Locale.ROOT, "  added by the client after the server writes (median): %.3f ms%n",
                    (median(clientAfterWrite) - median(rawAfterWrite)) / 1e6);
            System.out.printf(Locale.ROOT, "  added by the client from request start (median):      %.3f ms%n",
                    (median(clientFromStart) - median(rawFromStart)) / 1e6);
        }
    }

    private static long[] clientOnce(OpenRouterClient client, ChatRequest request, Secret key) {
        long[] firstToken = {0};
        long start = System.nanoTime();
        client.chatStream(request, key, (ChatStreamListener) text -> {
            if (firstToken[0] == 0) {
                firstToken[0] = System.nanoTime();
            }
        }).await(Duration.ofSeconds(10));
        return new long[]{firstToken[0] - start, firstToken[0] - FIRST_CHUNK_WRITTEN.get()};
    }

    private static long[] rawOnce(int port, byte[] request) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            long firstToken = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                seen.write(buf, 0, n);
                // the first data frame is complete once its blank line has arrived
                String text = seen.toString(StandardCharsets.ISO_8859_1);
                int data = text.indexOf("data: {");
                if (data >= 0 && text.indexOf("\n\n", data) >= 0) {
                    firstToken = System.nanoTime();
                    break;
                }
            }
            while (in.read(buf) > 0) {
                // drain so the server finishes its write like it does for the client
            }
            return new long[]{firstToken - start, firstToken - FIRST_CHUNK_WRITTEN.get()};
        }
    }

    private static byte[] rawRequest(String body, int port) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Bearer sk-or-v1-benchmark\r\nContent-Type: application/json\r\n"
                + "Accept: text/event-stream\r\nContent-Length: " + json.length + "\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(json);
        return out.toByteArray();
    }

    /** A tiny HTTP/1.1 server: one SSE response per connection, the first chunk after a short pause. */
    private static void serve(ServerSocket server) {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                + ": OPENROUTER PROCESSING\n\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] first = CHUNK.getBytes(StandardCharsets.UTF_8);
        byte[] rest = FINAL.getBytes(StandardCharsets.UTF_8);
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setTcpNoDelay(true);
                readRequest(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(head);
                out.flush();
                // let the client settle into its blocking read, as it would while a model thinks
                Thread.sleep(1);
                FIRST_CHUNK_WRITTEN.set(System.nanoTime());
                out.write(first);
                out.flush();
                out.write(rest);
                out.flush();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int len = h.length;
            if (len >= 4 && h[len - 4] == '\r' && h[len - 3] == '\n' && h[len - 2] == '\r' && h[len - 1] == '\n') {
                break;
            }
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int at = headers.indexOf("content-length:");
        int length = at < 0 ? 0 : Integer.parseInt(headers.substring(at + 15, headers.indexOf('\r', at)).trim());
        in.readNBytes(length);
    }

    private static void row(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-46s %9.1f %9.1f %9.1f%n", name, sorted[sorted.length / 2] / 1e3,
                sorted[(int) (sorted.length * 0.95)] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3);
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

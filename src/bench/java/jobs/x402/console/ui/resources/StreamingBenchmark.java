package jobs.x402.console.ui.resources;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.Secret;
import jobs.x402.console.openrouter.ChatMessage;
import jobs.x402.console.openrouter.ChatRequest;
import jobs.x402.console.openrouter.ChatStream;
import jobs.x402.console.openrouter.ChatStreamListener;
import jobs.x402.console.openrouter.OpenRouterClient;
import jobs.x402.console.resources.InstantFixtures;
import jobs.x402.console.session.ConsoleEnvironment;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.testing.TestPostgres;
import jobs.x402.console.ui.shell.ConsoleContext;
import jobs.x402.console.ui.tasks.FxTaskRunner;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams 20,000 tokens from a local SSE server into the real Resources view model, shown in a real TextArea on a
 * headless stage (Monocle, software rendering), as the window does: once paced at 10,000 tokens/s, once as a burst. Reports tokens per second rendered (run pressed →
 * last token on screen), the longest gap between two FX pulses while streaming (a pulse that overran shows as a long
 * gap; 16.7 ms is an idle pulse) and the heap. The baseline in the same run is the previous window's way: one
 * {@code Platform.runLater} per token and the text rebuilt ({@code set(get() + token)}), fed by the same client from
 * the same server. Target: ≥ 5,000 tokens/s and no pulse over 50 ms.
 * Run: {@code mvn -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dconsole.mainClass=jobs.x402.console.ui.resources.StreamingBenchmark [-Dconsole.args=TOKENS]}
 */
public final class StreamingBenchmark {
    private static Stage stage;
    /** A line of model output is about 14 tokens (some 80 characters). */
    private static final int LINE_EVERY = 14;

    private StreamingBenchmark() {
    }

    record Figures(String way, int tokens, long millis, double tokensPerSecond, double longestPulseGapMillis,
                   long pulses, long heapUsedMb, long heapPeakMb, long drains) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        stage = onFx(() -> {
            Stage shown = new Stage();
            shown.setScene(new Scene(new javafx.scene.layout.Pane(), 900, 600));
            shown.show();
            return shown;
        });

        ConnectionTarget target = TestPostgres.get().freshDatabase("StreamingBenchmark");
        TestDatabase db = TestDatabase.of(target);
        InstantFixtures.applyMigration(db);
        InstantFixtures.storeKey(db, InstantFixtures.ALICE, InstantFixtures.KEY, InstantFixtures.SECRET, true);
        InstantFixtures.insertResource(db, "bench-echo", "alice-labs", "openai/gpt-4o-mini",
                "{\"systemPrompt\":\"Answer.\",\"maxTokens\":8192}", "[]", true);
        Path home = Files.createTempDirectory("streaming-bench-");
        String body = ResourcesViewModelTest.stream(tokens, LINE_EVERY);
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            ConsoleEnvironment environment = new ConsoleEnvironment(ConsoleHome.fromEnvironment(
                    Map.of(ConsoleHome.HOME_VARIABLE, home.toString())), Map.of());
            FxTaskRunner tasks = new FxTaskRunner();
            ConsoleContext context = new ConsoleContext(environment, tasks);
            ConsoleSession session = ConsoleSession.open(environment, target, ProgressListener.NONE);
            ResourcesViewModel model = onFx(() -> {
                ResourcesViewModel m = new ResourcesViewModel(context);
                context.setSession(session);
                return m;
            });
            prepare(model, server, tasks);
            // warm-up: JIT, the client's first connection, the text area's first layout
            server.enqueue(sse(ResourcesViewModelTest.stream(2_000, LINE_EVERY)));
            runViewModel(model, 2_000, "warm-up");
            server.enqueue(sse(ResourcesViewModelTest.stream(2_000, LINE_EVERY)));
            runBaseline(server, 2_000, "warm-up");

            Figures idle = idle(2_000);
            // paced: the stream arrives at PACED_RATE tokens/s (twice the target), as a fast model on a fast link would;
            // burst: as fast as the local server writes (all 20,000 in a fraction of a second), a stress figure
            long perTenMillis = Math.max(1, (long) body.length() / tokens * PACED_RATE / 100);
            server.enqueue(sse(body).newBuilder().throttleBody(perTenMillis, 10, TimeUnit.MILLISECONDS).build());
            Figures pacedBaseline = runBaseline(server, tokens, "baseline, paced " + PACED_RATE + "/s");
            server.enqueue(sse(body).newBuilder().throttleBody(perTenMillis, 10, TimeUnit.MILLISECONDS).build());
            Figures paced = runViewModel(model, tokens, "console, paced " + PACED_RATE + "/s");
            server.enqueue(sse(body));
            Figures burstBaseline = runBaseline(server, tokens, "baseline, burst");
            server.enqueue(sse(body));
            Figures burst = runViewModel(model, tokens, "console, burst");
            server.enqueue(sse(body));
            Figures burstAgain = runViewModel(model, tokens, "console, burst (again)");

            System.out.printf("%-34s %8s %8s %10s %16s %8s %9s %9s %9s%n", "way", "tokens", "ms", "tokens/s",
                    "longest gap ms", "pulses", "batches", "heap MB", "peak MB");
            for (Figures f : List.of(idle, pacedBaseline, paced, burstBaseline, burst, burstAgain)) {
                System.out.printf("%-34s %8d %8d %10.0f %16.1f %8d %9d %9d %9d%n", f.way(), f.tokens(), f.millis(),
                        f.tokensPerSecond(), f.longestPulseGapMillis(), f.pulses(), f.drains(), f.heapUsedMb(),
                        f.heapPeakMb());
            }
            System.out.printf("burst speed-up over the baseline %.1f×%n",
                    burst.tokensPerSecond() / burstBaseline.tokensPerSecond());
            System.out.println("target ≥ 5,000 tokens/s and no pulse over 50 ms, paced: " + verdict(paced)
                    + "; burst: " + verdict(burst) + " / " + verdict(burstAgain));
            session.close();
            tasks.shutdown();
        } finally {
            Platform.exit();
        }
    }

    /** The pace of the paced run: twice the target. */
    private static final int PACED_RATE = 10_000;

    private static String verdict(Figures f) {
        return f.tokensPerSecond() >= 5_000 && f.longestPulseGapMillis() <= 50 ? "met" : "MISSED";
    }

    private static MockResponse sse(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream").body(body).build();
    }

    private static void prepare(ResourcesViewModel model, MockWebServer server, FxTaskRunner tasks)
            throws Exception {
        CountDownLatch listed = new CountDownLatch(1);
        Platform.runLater(() -> {
            model.typeFilter.set(ResourcesViewModel.ALL);
            model.loading.addListener((o, was, now) -> {
                if (!now) {
                    listed.countDown();
                }
            });
            model.refresh();
        });
        listed.await(60, TimeUnit.SECONDS);
        CountDownLatch opened = new CountDownLatch(1);
        Platform.runLater(() -> {
            model.editing.addListener((o, was, now) -> opened.countDown());
            model.open(model.resources.stream().filter(r -> "bench-echo".equals(r.slug())).findFirst()
                    .orElseThrow());
        });
        opened.await(60, TimeUnit.SECONDS);
        onFx(() -> {
            model.openRouterUrl.set(server.url("/api/v1").toString());
            model.userMessage.set("go");
            model.setTypedSecret(InstantFixtures.SECRET.toCharArray());
            return null;
        });
    }

    /** The console's way: the real view model, its live text attached to the page's streamed-text view. */
    private static Figures runViewModel(ResourcesViewModel model, int tokens, String way) throws Exception {
        javafx.scene.control.ListView<String> list = onFx(javafx.scene.control.ListView::new);
        StreamedTextView view = onFx(() -> new StreamedTextView(list));
        int expected = ResourcesViewModelTest.expectedText(tokens, LINE_EVERY).length();
        long drainsBefore = onFx(model.output::drains);
        Measurement m = new Measurement(list, () -> view.text().length() >= expected);
        onFx(() -> {
            model.output.attach(view::append, view::clear);
            m.start(model::run);
            return null;
        });
        m.await();
        String shown = onFx(view::text);
        if (!shown.equals(ResourcesViewModelTest.expectedText(tokens, LINE_EVERY))) {
            throw new IllegalStateException("the text area does not show the stream exactly");
        }
        return m.figures(way, tokens, model.output.drains() - drainsBefore);
    }

    /** The machine's own pulses for a while, nothing streaming: what a gap costs here without the console's work. */
    private static Figures idle(long millis) throws Exception {
        javafx.scene.control.ListView<String> list = onFx(javafx.scene.control.ListView::new);
        long until = System.nanoTime() + millis * 1_000_000;
        Measurement m = new Measurement(list, () -> System.nanoTime() >= until);
        onFx(() -> {
            m.start(() -> { });
            return null;
        });
        m.await();
        return m.figures("idle (nothing streaming, " + millis + " ms)", 0, 0);
    }

    /** The previous window's way: one runLater per token, the whole text set again each time. */
    private static Figures runBaseline(MockWebServer server, int tokens, String way) throws Exception {
        TextArea area = onFx(StreamingBenchmark::outputArea);
        StringProperty output = new SimpleStringProperty("");
        int expected = ResourcesViewModelTest.expectedText(tokens, LINE_EVERY).length();
        Measurement m = new Measurement(area, () -> output.get().length() >= expected);
        CountDownLatch kickoff = new CountDownLatch(1);
        onFx(() -> {
            area.textProperty().bind(output);
            m.start(kickoff::countDown);
            return null;
        });
        kickoff.await();
        AtomicLong posts = new AtomicLong();
        try (OpenRouterClient client = OpenRouterClient.builder().baseUrl(server.url("/api/v1").toString()).build();
             Secret key = Secret.of(InstantFixtures.KEY)) {
            ChatRequest request = ChatRequest.builder().model("openai/gpt-4o-mini").message(ChatMessage.user("go")).build()
                    .withStream(true);
            ChatStream stream = client.chatStream(request, key, new ChatStreamListener() {
                @Override
                public void onDelta(String text) {
                    posts.incrementAndGet();
                    Platform.runLater(() -> output.set(output.get() + text));
                }
            });
            stream.await();
        }
        m.await();
        return m.figures(way, tokens, posts.get());
    }

    /** Pulses counted by an AnimationTimer on the scene's stage; the heap sampled on each pulse. */
    private static final class Measurement {
        private final javafx.scene.Parent area;
        private final java.util.function.BooleanSupplier done;
        private final CountDownLatch finished = new CountDownLatch(1);
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private long startNanos;
        private long endNanos;
        private long lastPulse;
        private long longestGap;
        private long pulses;
        private long peakHeap;
        private Stage stage;
        private AnimationTimer timer;

        Measurement(javafx.scene.Parent area, java.util.function.BooleanSupplier done) {
            this.area = area;
            this.done = done;
        }

        /**
         * FX thread: the area goes on the one stage, already showing; three pulses later (skin built, laid out,
         * drawn empty) the run starts and the clock with it, so no first layout is counted.
         */
        void start(Runnable kickoff) {
            stage = StreamingBenchmark.stage;
            stage.getScene().setRoot(area);
            if (Boolean.getBoolean("bench.layout")) {
                long[] pre = new long[1];
                stage.getScene().addPreLayoutPulseListener(() -> pre[0] = System.nanoTime());
                stage.getScene().addPostLayoutPulseListener(() -> {
                    long ms = (System.nanoTime() - pre[0]) / 1_000_000;
                    if (ms > 5) {
                        System.out.println("  layout " + ms + " ms");
                    }
                });
            }
            timer = new AnimationTimer() {
                private int settling = 3;

                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    if (settling > 0) {
                        if (--settling == 0) {
                            startNanos = System.nanoTime();
                            lastPulse = startNanos;
                            kickoff.run();
                        }
                        return;
                    }
                    longestGap = Math.max(longestGap, t - lastPulse);
                    lastPulse = t;
                    pulses++;
                    peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
                    if (done.getAsBoolean()) {
                        endNanos = t;
                        stop();
                        finished.countDown();
                    }
                }
            };
            timer.start();
        }

        void await() throws InterruptedException {
            if (!finished.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the stream was not shown in 10 minutes");
            }
        }

        Figures figures(String way, int tokens, long drains) throws Exception {
            long millis = (endNanos - startNanos) / 1_000_000;
            long used = memory.getHeapMemoryUsage().getUsed();
            onFx(() -> {
                stage.getScene().setRoot(new javafx.scene.layout.Pane()); // the next run starts empty
                return null;
            });
            return new Figures(way, tokens, millis, tokens * 1000.0 / Math.max(1, millis), longestGap / 1e6, pulses,
                    used >> 20, peakHeap >> 20, drains);
        }
    }

    /** As the Resources page has it: read-only, wrapping. */
    private static TextArea outputArea() {
        TextArea area = new TextArea();
        area.setEditable(false);
        area.setWrapText(true);
        return area;
    }

    static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }
}

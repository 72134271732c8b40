package jobs.x402.console.bench;

import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.db.SandboxServer;
import jobs.x402.console.overview.OverviewService;
import jobs.x402.console.session.ConsoleSession;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Start-up figures of issue 2, printed as a table: first frame of the console window (JVM start → first pulse, median
 * of 5 child JVMs) against a minimal JavaFX window launched the same way, and the sandbox's time to ready.
 * Run: {@code mvn -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dconsole.mainClass=jobs.x402.console.bench.StartupBenchmark}. Headless (Monocle, software rendering) unless
 * {@code -Dconsole.args=gtk} is given on a machine with a display (e.g. under {@code xvfb-run -a}).
 */
public final class StartupBenchmark {
    private static final int RUNS = 5;

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("gtk")) {
            System.setProperty("bench.glass", "gtk");
        }
        Path home = Files.createTempDirectory("x402-bench-home");
        List<Long> hello = firstFrames("jobs.x402.console.bench.HelloLauncher", home);
        List<Long> console = firstFrames("jobs.x402.console.Launcher", home);
        System.out.println();
        System.out.println("| measure (2-core machine, " + glass() + ") | median | min | max |");
        System.out.println("|---|---|---|---|");
        row("first frame, minimal JavaFX window (baseline)", hello);
        row("first frame, console main window", console);
        System.out.printf("| ratio console / baseline | %.2f× | | |%n",
                (double) median(console) / median(hello));
        if ("gtk".equals(System.getProperty("bench.glass"))) {
            // what the screen shows: the pulse can come before any pixel is visible
            List<Long> helloPixels = firstPixels("jobs.x402.console.bench.HelloLauncher", home);
            List<Long> consolePixels = firstPixels("jobs.x402.console.Launcher", home);
            row("first pixels on screen, minimal JavaFX window (launch → first non-blank capture)", helloPixels);
            row("first pixels on screen, console main window", consolePixels);
            System.out.printf("| ratio console / baseline, first pixels | %.2f× | | |%n",
                    (double) median(consolePixels) / median(helloPixels));
        }
        sandbox(home);
        figures(home);
    }

    /**
     * What a user waits for: the console window is up, the sandbox server is running (started before), the operator
     * clicks "Open sandbox"; measured from that click to the first frame laid out with the Overview's figures, in a
     * fresh console process each time (Hibernate boot, first queries and the Overview page's FXML included).
     */
    private static void figures(Path dir) throws Exception {
        ConsoleHome home = ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, dir.toString()));
        SandboxServer sandbox = SandboxServer.in(home);
        sandbox.start(ProgressListener.NONE);
        List<Long> click = new ArrayList<>();
        List<Long> start = new ArrayList<>();
        try {
            for (int i = 0; i < RUNS; i++) {
                Map<String, Long> printed = runChild(consoleJvm("jobs.x402.console.Launcher",
                        "-Dx402.console.benchmark.figures=true"), dir);
                if (!printed.containsKey("figures-ms") || !printed.containsKey("start-to-figures-ms")) {
                    throw new IllegalStateException("the console printed no figures time");
                }
                click.add(printed.get("figures-ms"));
                start.add(printed.get("start-to-figures-ms"));
            }
        } finally {
            sandbox.stop(ProgressListener.NONE);
        }
        row("window: \"Open sandbox\" clicked → Overview figures laid out (server running; fresh process)", click);
        row("window: JVM start → Overview figures laid out (the same runs)", start);
    }

    private static void sandbox(Path dir) {
        ConsoleHome home = ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, dir.toString()));
        SandboxServer sandbox = SandboxServer.in(home);
        long t0 = System.nanoTime();
        sandbox.start(ProgressListener.NONE);
        long firstStart = System.nanoTime() - t0;
        sandbox.stop(ProgressListener.NONE);
        List<Long> ready = new ArrayList<>();
        List<Long> overview = new ArrayList<>();
        List<Long> attach = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            sandbox.start(ProgressListener.NONE);
            try (DatabaseSession session = jobs.x402.console.db.DatabaseSession.open(sandbox.target(), ConsoleSession.entityClasses(), ProgressListener.NONE)) {
                ready.add((System.nanoTime() - start) / 1_000_000);
                new OverviewService(session).read(ProgressListener.NONE);
                overview.add((System.nanoTime() - start) / 1_000_000);
            }
            long attachStart = System.nanoTime();
            sandbox.start(ProgressListener.NONE);
            try (DatabaseSession session = jobs.x402.console.db.DatabaseSession.open(sandbox.target(), ConsoleSession.entityClasses(), ProgressListener.NONE)) {
                attach.add((System.nanoTime() - attachStart) / 1_000_000);
            }
            sandbox.stop(ProgressListener.NONE);
        }
        System.out.printf("| sandbox first creation (extract binaries, initdb, baseline + demo data) | %d ms | | |%n",
                firstStart / 1_000_000);
        row("\"Open sandbox\" → connected, banner shown (server stopped before)", ready);
        row("\"Open sandbox\" → Overview figures read (incl. Hibernate boot)", overview);
        row("\"Open sandbox\" → connected, server already running", attach);
    }

    private static String glass() {
        return "gtk".equals(System.getProperty("bench.glass")) ? "GTK on the display" : "headless Monocle, software rendering";
    }

    private static List<Long> firstFrames(String mainClass, Path home) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Long value = runChild(consoleJvm(mainClass, "-Dx402.console.benchmark.firstFrame=true"), home)
                    .get("first-frame-ms");
            if (value == null) {
                throw new IllegalStateException(mainClass + " printed no first-frame time");
            }
            times.add(value);
        }
        return times;
    }

    /** Launch → first non-blank screen capture, by installer/benchmark/FirstPixels.java (needs a display). */
    private static List<Long> firstPixels(String mainClass, Path home) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            List<String> command = new ArrayList<>(List.of(java(), "installer/benchmark/FirstPixels.java", "--",
                    java(), "-cp", System.getProperty("java.class.path"),
                    "-Dx402.console.benchmark.firstFrame=report", mainClass));
            Long value = runChild(command, home).get("first-pixels-ms");
            if (value == null || value < 0) {
                throw new IllegalStateException(mainClass + ": no content on screen within the capture's timeout");
            }
            times.add(value);
        }
        return times;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A child JVM on this class path running {@code mainClass}, headless (Monocle) unless the benchmark runs on GTK. */
    private static List<String> consoleJvm(String mainClass, String... properties) {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(properties));
        if (!"gtk".equals(System.getProperty("bench.glass"))) {
            command.addAll(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                    "-Dprism.order=sw", "-Dheadless.geometry=1920x1200-32"));
        }
        command.add(mainClass);
        return command;
    }

    /** Runs a child with its own console home until it exits; every {@code name=number} line it printed. */
    private static Map<String, Long> runChild(List<String> command, Path home) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(ConsoleHome.HOME_VARIABLE, home.toString());
        Process process = builder.start();
        Map<String, Long> printed = new java.util.HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                java.util.regex.Matcher figure = FIGURE.matcher(line.trim());
                if (figure.matches()) {
                    printed.put(figure.group(1), Long.parseLong(figure.group(2)));
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 && printed.isEmpty()) {
            throw new IllegalStateException(command.get(command.size() - 1) + " exited with " + exit);
        }
        return printed;
    }

    private static final java.util.regex.Pattern FIGURE = java.util.regex.Pattern.compile("([a-z-]+)=(-?\\d+)");

    private static void row(String label, List<Long> values) {
        System.out.printf("| %s | %d ms | %d ms | %d ms |%n", label, median(values), Collections.min(values),
                Collections.max(values));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

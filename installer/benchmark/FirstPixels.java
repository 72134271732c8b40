import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * First pixels a user could see: launches a command and captures the screen (X11, e.g. under Xvfb) until a capture
 * shows drawn content, then stops the command. "First frame" as an application logs it (its first layout pulse) can
 * come well before anything is on screen; this measures what the screen shows.
 *
 * A capture counts as content when, against the screen before the launch, the changed pixels hold at least
 * MIN_DETAIL pixels that differ from the most common changed colour: a mapped but unpainted window (one colour)
 * is still blank, a window with text or controls is not.
 *
 * Prints: first-pixels-ms=N (from the launch), first-frame-ms=M (what the command printed, JVM start to first pulse,
 * when it prints one), capture-ms=C (the median time one capture took: the resolution of the figure).
 * Usage: java installer/benchmark/FirstPixels.java [--timeout-ms 30000] -- COMMAND [ARGS...]
 * The command should print its first frame and keep running (-Dx402.console.benchmark.firstFrame=report).
 */
public final class FirstPixels {
    private static final int MIN_DETAIL = 40;
    private static final long PAUSE_MS = 10; // between captures: leaves the cores to the command being measured

    public static void main(String[] args) throws Exception {
        long timeoutMs = 30_000;
        int i = 0;
        while (i < args.length && !args[i].equals("--")) {
            if (args[i].equals("--timeout-ms")) {
                timeoutMs = Long.parseLong(args[++i]);
            }
            i++;
        }
        if (i >= args.length - 1) {
            System.err.println("usage: java FirstPixels.java [--timeout-ms N] -- COMMAND [ARGS...]");
            System.exit(2);
        }
        List<String> command = List.of(args).subList(i + 1, args.length);
        Robot robot = new Robot();
        Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
        int[] before = pixels(robot.createScreenCapture(screen));

        AtomicLong firstFrame = new AtomicLong(-1);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("first-frame-ms=")) {
                        firstFrame.set(Long.parseLong(line.substring("first-frame-ms=".length()).trim()));
                    }
                }
            } catch (Exception ignored) {
                // the process was stopped
            }
        });
        reader.setDaemon(true);
        reader.start();

        long firstPixels = -1;
        List<Long> captureTimes = new ArrayList<>();
        long deadline = start + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline && process.isAlive()) {
            long t0 = System.nanoTime();
            int[] now = pixels(robot.createScreenCapture(screen));
            long t1 = System.nanoTime();
            captureTimes.add((t1 - t0) / 1_000_000);
            if (hasContent(before, now)) {
                firstPixels = (t1 - start) / 1_000_000;
                break;
            }
            Thread.sleep(PAUSE_MS);
        }
        // the pulse line may come a moment after the pixels
        long waitForFrame = System.nanoTime() + 5_000_000_000L;
        while (firstFrame.get() < 0 && process.isAlive() && System.nanoTime() < waitForFrame) {
            Thread.sleep(20);
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.waitFor();
        captureTimes.sort(null);
        System.out.println("first-pixels-ms=" + firstPixels);
        System.out.println("first-frame-ms=" + firstFrame.get());
        System.out.println("capture-ms=" + (captureTimes.isEmpty() ? -1 : captureTimes.get(captureTimes.size() / 2)));
        System.exit(firstPixels < 0 ? 1 : 0);
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    static boolean hasContent(int[] before, int[] now) {
        Map<Integer, Integer> changed = new HashMap<>();
        int total = 0;
        for (int p = 0; p < now.length; p++) {
            if (now[p] != before[p]) {
                changed.merge(now[p], 1, Integer::sum);
                total++;
            }
        }
        int dominant = changed.values().stream().max(Integer::compare).orElse(0);
        return total - dominant >= MIN_DETAIL;
    }
}

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Generates the AppCDS archive of a jpackage app-image at build time and wires it into the launcher.
 *
 * <ol>
 * <li>Training: runs the packaged launcher with the given arguments (the console's {@code --self-check}, which starts
 * JavaFX and renders the main window, boots Hibernate, parses the changelogs...) with
 * {@code -XX:DumpLoadedClassList}. The run must succeed, so it doubles as a smoke test of the image.</li>
 * <li>Dump: the image's own {@code java -Xshare:dump} writes a static archive of every listed class that lives in the
 * runtime image (JDK and JavaFX modules).</li>
 * <li>Wiring: {@code -XX:SharedArchiveFile=$APPDIR/NAME.jsa} goes into the launcher's .cfg; a check run with
 * {@code -Xshare:on} proves the JVM maps it.</li>
 * </ol>
 * JDK 17 records the absolute path of every class-path jar in an archive and ignores the whole archive when the app
 * is installed elsewhere (/opt/... instead of target/...). So by default the archive holds the runtime image alone
 * (relocatable, like the JDK's own default CDS archive: what the .msi and .dmg get). With
 * {@code -Dappcds.classPath=true} (Linux) the class list is shipped in the image as {@code NAME.classlist} and
 * {@code cds-archive.sh} dumps runtime and class-path classes in place; the .deb's postinst runs the same script at the
 * installed path.
 *
 * <p>Run: {@code java [-Dappcds.classPath=true] installer/AppCdsArchive.java APP_IMAGE_DIR LAUNCHER_NAME
 * [TRAINING_ARGS...]}. On Linux without a DISPLAY the training runs under {@code xvfb-run -a} when it is installed.
 */
public final class AppCdsArchive {
    private static final long TIMEOUT_MINUTES = 5;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java AppCdsArchive.java APP_IMAGE_DIR LAUNCHER_NAME [TRAINING_ARGS...]");
            System.exit(2);
        }
        Layout layout = Layout.of(Path.of(args[0]).toAbsolutePath(), args[1]);
        List<String> trainingArgs = Arrays.asList(args).subList(2, args.length);
        Path work = Files.createTempDirectory("appcds-");
        Path classList = work.resolve("classes.classlist");
        Files.deleteIfExists(layout.archive());
        removeArchiveOption(layout.cfg());

        List<String> training = new ArrayList<>(displayWrapper());
        training.add(layout.launcher().toString());
        training.addAll(trainingArgs);
        long started = System.nanoTime();
        run("training run", training, Map.of("JAVA_TOOL_OPTIONS", "-XX:DumpLoadedClassList=" + classList,
                "X402_CONSOLE_HOME", work.resolve("home").toString(), "NO_AT_BRIDGE", "1"), work.resolve("training.log"));
        long lines = Files.lines(classList).count();
        System.out.printf("AppCDS: training run listed %d classes in %.1f s%n", lines,
                (System.nanoTime() - started) / 1e9);

        if (Boolean.getBoolean("appcds.classPath")) {
            // Linux: the class list ships in the image and cds-archive.sh dumps runtime AND class-path classes where
            // the image lives (here for the app-image, from the .deb's postinst once installed)
            Path shippedList = layout.cfg().resolveSibling(args[1] + ".classlist");
            Files.copy(classList, shippedList, StandardCopyOption.REPLACE_EXISTING);
            Path script = layout.cfg().resolveSibling("cds-archive.sh");
            if (!Files.exists(script)) {
                throw new IllegalStateException(script + " is missing: copy installer/linux/cds-archive.sh into the"
                        + " jpackage --input directory");
            }
            run("archive dump (runtime image and class path)", List.of("sh", script.toString(), args[1]), Map.of(),
                    work.resolve("dump.log"));
        } else {
            run("archive dump (runtime image)", List.of(layout.java().toString(), "-Xshare:dump",
                    "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + layout.archive(),
                    "-Xlog:cds=warning"), Map.of(), work.resolve("dump.log"));
        }
        addArchiveOption(layout.cfg(), layout.archive().getFileName().toString());

        List<String> check = new ArrayList<>(List.of(layout.launcher().toString()));
        check.add("--version");
        run("archive check (-Xshare:on)", check, Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on"), work.resolve("check.log"));
        System.out.printf("AppCDS: %s (%d KiB) is mapped by the launcher%n", layout.archive(),
                Files.size(layout.archive()) / 1024);
    }

    /** Where jpackage puts the launcher, the runtime's java and the .cfg on each OS. */
    record Layout(Path launcher, Path java, Path cfg, Path archive) {
        static Layout of(Path image, String name) {
            String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            if (os.contains("win")) {
                return new Layout(image.resolve(name + ".exe"), image.resolve("runtime/bin/java.exe"),
                        image.resolve("app/" + name + ".cfg"), image.resolve("app/" + name + ".jsa"));
            }
            if (os.contains("mac")) {
                Path contents = image.resolve("Contents");
                return new Layout(contents.resolve("MacOS/" + name),
                        contents.resolve("runtime/Contents/Home/bin/java"), contents.resolve("app/" + name + ".cfg"),
                        contents.resolve("app/" + name + ".jsa"));
            }
            return new Layout(image.resolve("bin/" + name), image.resolve("lib/runtime/bin/java"),
                    image.resolve("lib/app/" + name + ".cfg"), image.resolve("lib/app/" + name + ".jsa"));
        }
    }

    private static List<String> displayWrapper() {
        boolean linux = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");
        String display = System.getenv("DISPLAY");
        if (!linux || (display != null && !display.isBlank())) {
            return List.of();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "xvfb-run"))) {
                return List.of("xvfb-run", "-a");
            }
        }
        System.err.println("AppCDS: no DISPLAY and no xvfb-run: the JavaFX part of the training run will fail"
                + " (apt-get install xvfb)");
        return List.of();
    }

    private static void run(String what, List<String> command, Map<String, String> env, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(what + " did not finish within " + TIMEOUT_MINUTES + " minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            System.err.println(Files.readString(log, StandardCharsets.UTF_8));
            throw new IllegalStateException(what + " failed with exit code " + process.exitValue() + ": "
                    + String.join(" ", command));
        }
    }

    private static final String OPTION_PREFIX = "java-options=-XX:SharedArchiveFile=";

    private static void removeArchiveOption(Path cfg) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(cfg, StandardCharsets.UTF_8));
        lines.removeIf(line -> line.startsWith(OPTION_PREFIX));
        Files.write(cfg, lines, StandardCharsets.UTF_8);
    }

    private static void addArchiveOption(Path cfg, String archiveName) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(cfg, StandardCharsets.UTF_8));
        int section = lines.indexOf("[JavaOptions]");
        if (section < 0) {
            lines.add("[JavaOptions]");
            section = lines.size() - 1;
        }
        lines.add(section + 1, OPTION_PREFIX + "$APPDIR/" + archiveName);
        Files.write(cfg, lines, StandardCharsets.UTF_8);
    }
}

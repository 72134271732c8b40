package jobs.x402.console.cli;

import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The command-line twin: builds the picocli tree over a {@link CliContext} and maps failures to exit codes. */
public final class ConsoleCli {
    private static final Logger log = LoggerFactory.getLogger(ConsoleCli.class);

    private final CliContext context;

    public ConsoleCli(CliContext context) {
        this.context = context;
    }

    /**
     * The command tree. Usage help takes the terminal's width (picocli asks the terminal; 80 columns when there is
     * none, as in a pipe or a script), so a wide terminal does not wrap sentences at 80.
     */
    CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new RootCommand(context), new ContextFactory(context));
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setUsageHelpAutoWidth(true);
        return commandLine;
    }

    public int run(String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExitCodeExceptionMapper(ConsoleCli::exitCodeOf);
        commandLine.setParameterExceptionHandler((ex, ignored) -> {
            String problem = withoutExceptionNames(ex.getMessage());
            String remedy = "run with --help for the usage of '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + "'";
            context.err().println("error: " + problem);
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, context.err());
            context.err().println("Run with --help for the usage of '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + "'.");
            context.err().flush();
            if (Arrays.asList(args).contains("--json")) {
                printJsonError(problem, remedy, ExitCode.USAGE.code());
            }
            return ExitCode.USAGE.code();
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            report(ex, parseResult.originalArgs().contains("--json"));
            return exitCodeOf(ex);
        });
        commandLine.getCommandSpec().exitCodeOnUsageHelp(ExitCode.SUCCESS.code());
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
        return commandLine.execute(withGlobalOptionsPlaced(args));
    }

    private static final java.util.Set<String> OUTPUT_OPTIONS = java.util.Set.of("--json", "--quiet", "-q");
    private static final java.util.Set<String> ROOT_OPTIONS = java.util.Set.of("--verbose", "-v");

    /**
     * --json, --quiet and --verbose work anywhere on the line: picocli binds an option to the command it follows,
     * so the output options move to the end (the command that runs owns them) and --verbose to the front (the root
     * owns it). Nothing after "--" moves; a command without output options then refuses them as a usage error.
     */
    static String[] withGlobalOptionsPlaced(String... args) {
        java.util.List<String> front = new java.util.ArrayList<>();
        java.util.List<String> middle = new java.util.ArrayList<>();
        java.util.List<String> end = new java.util.ArrayList<>();
        java.util.List<String> afterSeparator = new java.util.ArrayList<>();
        boolean separated = false;
        for (String arg : args) {
            if (separated) {
                afterSeparator.add(arg);
            } else if ("--".equals(arg)) {
                separated = true;
                afterSeparator.add(arg);
            } else if (ROOT_OPTIONS.contains(arg)) {
                if (!front.contains(arg)) {
                    front.add(arg);
                }
            } else if (OUTPUT_OPTIONS.contains(arg)) {
                if (!end.contains(arg) && !(arg.equals("-q") && end.contains("--quiet"))
                        && !(arg.equals("--quiet") && end.contains("-q"))) {
                    end.add(arg);
                }
            } else {
                middle.add(arg);
            }
        }
        java.util.List<String> placed = new java.util.ArrayList<>(front);
        placed.addAll(middle);
        placed.addAll(end);
        placed.addAll(afterSeparator);
        return placed.toArray(String[]::new);
    }

    private void report(Exception ex, boolean json) {
        String problem;
        String remedy;
        if (ex instanceof OperatorException operator) {
            problem = operator.problem();
            remedy = RemedyOptions.render(operator);
        } else {
            problem = ex.getMessage() == null ? "an unexpected failure" : withoutExceptionNames(ex.getMessage());
            remedy = "see the log file for details";
        }
        log.info("Command failed: {}", problem, ex); // the file keeps the stack; stderr has the plain message
        context.err().println("error: " + problem);
        if (!remedy.isEmpty()) {
            context.err().println("  what to do: " + remedy);
        }
        context.err().flush();
        if (json) {
            printJsonError(problem, remedy, exitCodeOf(ex));
        }
    }

    /** The one JSON document of a failed command: {"error": {problem, remedy, exitCode}}, plus what it found. */
    static Map<String, Object> errorDocument(String problem, String remedy, int exitCode) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("problem", problem);
        error.put("remedy", remedy);
        error.put("exitCode", exitCode);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("error", error);
        return doc;
    }

    private void printJsonError(String problem, String remedy, int exitCode) {
        try {
            context.out().println(OutputOptions.jsonWriter(context.out())
                    .writeValueAsString(errorDocument(problem, remedy, exitCode)));
            context.out().flush();
        } catch (Exception ignored) {
            // the stderr lines already carry the failure
        }
    }

    /** picocli appends "(java.lang.IllegalArgumentException: …)" to conversion errors: operators need no class names. */
    static String withoutExceptionNames(String message) {
        if (message == null) {
            return "invalid input";
        }
        return message.replaceAll("\\s*\\((?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::[^)]*)?\\)", "")
                .replaceAll("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error):\\s*", "");
    }

    static int exitCodeOf(Throwable ex) {
        if (ex instanceof OperatorException operator) {
            return operator.exitCode().code();
        }
        if (ex instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE.code();
        }
        return ExitCode.FAILURE.code();
    }

    /** Gives commands that declare a {@code CliContext} constructor their context. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            boolean wantsContext = Arrays.stream(type.getDeclaredConstructors())
                    .anyMatch(c -> c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class);
            if (wantsContext) {
                Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
                constructor.setAccessible(true);
                return constructor.newInstance(context);
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}

package jobs.x402.console.cli;

import jobs.x402.console.core.ConsoleHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help text reads as sentences at any width: every description line is a whole sentence or paragraph (picocli
 * wraps each line to the terminal, so a sentence split by hand breaks mid-phrase on any width but the author's), and
 * every command's first line is a summary that fits its parent's command list in 80 columns.
 */
class HelpTextTest {
    @TempDir
    Path home;

    private List<CommandLine> allCommands() {
        CliContext context = new CliContext(Map.of(ConsoleHome.HOME_VARIABLE, home.toString()),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, home.toString())), prompt -> null);
        List<CommandLine> all = new ArrayList<>();
        collect(new ConsoleCli(context).commandLine(), all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    @Test
    void everyDescriptionLineIsAWholeSentence() {
        List<String> broken = new ArrayList<>();
        for (CommandLine command : allCommands()) {
            CommandSpec spec = command.getCommandSpec();
            String where = spec.qualifiedName();
            checkLines(where + " description", spec.usageMessage().description(), broken);
            checkLines(where + " footer", spec.usageMessage().footer(), broken);
            for (OptionSpec option : spec.options()) {
                checkLines(where + " " + option.longestName(), option.description(), broken);
                if (option.description().length == 0) {
                    broken.add(where + " " + option.longestName() + ": no description");
                }
            }
        }
        assertThat(broken).as("lines that end mid-sentence (join them into one line; picocli wraps)").isEmpty();
    }

    private static void checkLines(String where, String[] lines, List<String> broken) {
        for (String line : lines) {
            String text = line.strip();
            if (!text.isEmpty() && !text.matches("(?s).*[.:!?)]$")) {
                broken.add(where + ": \"" + line + "\"");
            }
        }
    }

    @Test
    void everyCommandListFitsEightyColumnsOneLineEach() {
        List<String> wrapped = new ArrayList<>();
        for (CommandLine command : allCommands()) {
            if (command.getSubcommands().isEmpty()) {
                continue;
            }
            command.setUsageHelpWidth(80);
            command.setUsageHelpAutoWidth(false);
            String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String[] lines = usage.split("\n");
            boolean inCommands = false;
            for (String line : lines) {
                if (line.equals("Commands:")) {
                    inCommands = true;
                } else if (inCommands && line.isBlank()) {
                    inCommands = false;
                } else if (inCommands && line.startsWith("    ")) {
                    wrapped.add(command.getCommandSpec().qualifiedName() + ": \"" + line.strip() + "\"");
                }
            }
        }
        assertThat(wrapped).as("summaries that wrap in an 80-column command list (shorten the first line)").isEmpty();
    }
}

package jobs.x402.console.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buttons, menu items and check boxes read an underscore as a mnemonic and hide it: "From
 * INTEGRATION_ENCRYPTION_SECRET" showed as "From INTEGRATIONENCRYPTION_SECRET". The console uses accelerators, not
 * mnemonics, so every such control in the FXML tree turns mnemonic parsing off (Labels and Tabs do not parse them).
 */
class FxmlMnemonicsTest {
    private static final Pattern PARSING_CONTROL = Pattern.compile("<(Button|MenuItem|MenuButton|CheckBox|RadioButton"
            + "|ToggleButton|Hyperlink|SplitMenuButton|CheckMenuItem|RadioMenuItem)\\b([^>]*)>", Pattern.DOTALL);

    @Test
    void noControlInTheFxmlTreeParsesMnemonics() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("fxml"))) {
            files = walk.filter(p -> p.toString().endsWith(".fxml")).sorted().toList();
        }
        List<String> parsing = new ArrayList<>();
        int controls = 0;
        for (Path file : files) {
            Matcher m = PARSING_CONTROL.matcher(Files.readString(file));
            while (m.find()) {
                controls++;
                if (!m.group(2).contains("mnemonicParsing=\"false\"")) {
                    parsing.add(file + ": <" + m.group(1) + m.group(2).strip() + ">");
                }
            }
        }
        assertThat(controls).as("controls found in the FXML tree").isGreaterThan(40);
        assertThat(parsing).isEmpty();
    }
}

package jobs.x402.console.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every loaded page lives in the one main-window scene, so a CSS id used on two pages makes {@code #id} lookups (tests,
 * stylesheets) find whichever page loaded first. Each id in the FXML tree must be unique across all files.
 */
class FxmlIdsAreUniqueTest {
    private static final Pattern CSS_ID = Pattern.compile("\\sid=\"([^\"]+)\"");

    @Test
    void noCssIdIsUsedTwiceAcrossTheFxmlTree() throws IOException {
        Map<String, List<String>> places = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("fxml"))) {
            files = walk.filter(p -> p.toString().endsWith(".fxml")).sorted().toList();
        }
        assertThat(files).as("the FXML tree").hasSizeGreaterThan(5);
        for (Path file : files) {
            Matcher ids = CSS_ID.matcher(Files.readString(file));
            while (ids.find()) {
                places.computeIfAbsent(ids.group(1), id -> new ArrayList<>()).add(file.toString());
            }
        }
        Map<String, List<String>> duplicates = new TreeMap<>();
        places.forEach((id, where) -> {
            if (where.size() > 1) {
                duplicates.put(id, where);
            }
        });
        assertThat(duplicates).as("ids used more than once").isEmpty();
    }
}

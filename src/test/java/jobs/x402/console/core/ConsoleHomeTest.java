package jobs.x402.console.core;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleHomeTest {

    @Test
    void explicitHomeWins() {
        ConsoleHome home = ConsoleHome.fromEnvironment(Map.of("X402_CONSOLE_HOME", "/srv/console",
                "XDG_CONFIG_HOME", "/x"), "/home/op", "Linux");
        assertThat(home.configDir()).isEqualTo(Path.of("/srv/console/config"));
        assertThat(home.dataDir()).isEqualTo(Path.of("/srv/console/data"));
    }

    @Test
    void linuxFollowsXdgAndIgnoresRelativeValues() {
        ConsoleHome xdg = ConsoleHome.fromEnvironment(Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/dat"),
                "/home/op", "Linux");
        assertThat(xdg.configDir()).isEqualTo(Path.of("/cfg/x402-console"));
        assertThat(xdg.dataDir()).isEqualTo(Path.of("/dat/x402-console"));
        ConsoleHome fallback = ConsoleHome.fromEnvironment(Map.of("XDG_CONFIG_HOME", "relative"), "/home/op", "Linux");
        assertThat(fallback.configDir()).isEqualTo(Path.of("/home/op/.config/x402-console"));
        assertThat(fallback.dataDir()).isEqualTo(Path.of("/home/op/.local/share/x402-console"));
    }

    @Test
    void macAndWindowsUseTheirPlatformDirectories() {
        assertThat(ConsoleHome.fromEnvironment(Map.of(), "/Users/op", "Mac OS X").dataDir())
                .isEqualTo(Path.of("/Users/op/Library/Application Support/x402-console/data"));
        assertThat(ConsoleHome.fromEnvironment(Map.of("APPDATA", "/c/roaming", "LOCALAPPDATA", "/c/local"),
                "/c/op", "Windows 11").configDir()).isEqualTo(Path.of("/c/roaming/x402-console"));
    }
}

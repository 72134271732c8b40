package jobs.x402.console.selfcheck;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.overview.OverviewService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The installation self-check in-process: the test JVM has everything a package has (JavaFX under Monocle). */
class SelfCheckTest {

    @BeforeAll
    static void startToolkitTheTestFxWay() throws Exception {
        FxToolkit.registerPrimaryStage(); // the probe joins a running toolkit and leaves it running for other tests
    }

    @Test
    void everyCheckPassesOnACompleteClassPath() {
        SelfCheckReport report = SelfCheck.standard(OverviewService.entityClasses()).run(ProgressListener.NONE);

        assertThat(report.failures()).isEmpty();
        assertThat(report.checks()).extracting(CheckResult::name)
                .containsExactly("javafx", "tls", "bouncycastle", "liquibase", "postgres-binaries", "hibernate");
        assertThat(detail(report, "javafx")).contains("main window").contains("rendered");
        assertThat(detail(report, "liquibase")).contains("changelog/x402-migrations.xml").contains("sandbox baseline: 3 scripts");
        assertThat(detail(report, "postgres-binaries")).contains("postgres-linux-");
        assertThat(detail(report, "hibernate")).contains(OverviewService.entityClasses().size() + " entities");
    }

    @Test
    void aFailingCheckFailsTheReportWithItsRootCause() {
        StartupCheck broken = new StartupCheck() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String description() {
                return "a check whose class is missing";
            }

            @Override
            public String run() {
                throw new IllegalStateException("outer", new NoClassDefFoundError("sun/misc/Unsafe"));
            }
        };
        SelfCheckReport report = new SelfCheck(List.of(new TlsCheck(), broken)).run(ProgressListener.NONE);

        assertThat(report.ok()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.name()).isEqualTo("broken");
            assertThat(failure.detail()).contains("outer").contains("NoClassDefFoundError: sun/misc/Unsafe");
        });
    }

    @Test
    void zonkyNamesTheOperatingSystems() {
        assertThat(PostgresBinariesCheck.zonkySystemName("Windows 11")).isEqualTo("Windows");
        assertThat(PostgresBinariesCheck.zonkySystemName("Mac OS X")).isEqualTo("Darwin");
        assertThat(PostgresBinariesCheck.zonkySystemName("Linux")).isEqualTo("Linux");
    }

    private static String detail(SelfCheckReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().detail();
    }
}

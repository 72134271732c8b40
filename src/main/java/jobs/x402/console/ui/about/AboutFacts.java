package jobs.x402.console.ui.about;

import jobs.x402.console.core.BuildInfo;
import jobs.x402.console.core.BundledLibraries;

import java.util.List;

/** What the About box states, gathered once: the build, the runtimes it runs on, the bundled libraries. */
record AboutFacts(BuildInfo build, String java, String javaFx, List<BundledLibraries.Library> libraries) {

    static AboutFacts current() {
        String java = System.getProperty("java.version") + " · " + System.getProperty("java.vm.name") + " ("
                + System.getProperty("java.vendor") + ")";
        String javaFx = System.getProperty("javafx.runtime.version", "unknown");
        return new AboutFacts(BuildInfo.current(), java, javaFx, BundledLibraries.list());
    }
}

package jobs.x402.console.bench;

/** Plain main class for {@link HelloWindow}, like the console's Launcher (JavaFX on the class path). */
public final class HelloLauncher {
    private HelloLauncher() {
    }

    public static void main(String[] args) {
        HelloWindow.main(args);
    }
}

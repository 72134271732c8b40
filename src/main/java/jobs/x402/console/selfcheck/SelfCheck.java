package jobs.x402.console.selfcheck;

import jobs.x402.console.core.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code --self-check}: proves that an installed console has everything it needs (JavaFX toolkit, TLS,
 * BouncyCastle, the Liquibase changelogs, the sandbox's PostgreSQL binaries, Hibernate) without touching a database.
 * Each check runs on its own thread with a time limit so a hung toolkit cannot hang the installer's test.
 */
public final class SelfCheck {
    private static final Logger log = LoggerFactory.getLogger(SelfCheck.class);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);

    private final List<StartupCheck> checks;

    public SelfCheck(List<StartupCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The checks of an installed console; {@code entityClasses} are the entities every feature maps. */
    public static SelfCheck standard(List<Class<?>> entityClasses) {
        return new SelfCheck(List.of(new JavaFxToolkitCheck(), new TlsCheck(), new BouncyCastleCheck(),
                new ChangelogCheck(), new PostgresBinariesCheck(), new HibernateBootCheck(entityClasses)));
    }

    public List<StartupCheck> checks() {
        return checks;
    }

    public SelfCheckReport run(ProgressListener progress) {
        long started = System.nanoTime();
        List<CheckResult> results = new ArrayList<>();
        for (StartupCheck check : checks) {
            progress.progress(results.size(), checks.size(), check.description());
            results.add(runOne(check));
        }
        progress.progress(checks.size(), checks.size(), "Self-check finished");
        return new SelfCheckReport(results, (System.nanoTime() - started) / 1_000_000);
    }

    private static CheckResult runOne(StartupCheck check) {
        long started = System.nanoTime();
        FutureTask<String> outcome = new FutureTask<>(check::run);
        Thread thread = new Thread(outcome, "self-check-" + check.name());
        thread.setDaemon(true); // a check stuck past its time limit must not keep the JVM alive
        thread.start();
        boolean ok = false;
        String detail;
        try {
            detail = outcome.get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            ok = true;
        } catch (TimeoutException e) {
            outcome.cancel(true);
            detail = "no answer within " + CHECK_TIMEOUT.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            detail = "interrupted";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            log.info("Self-check {} failed", check.name(), cause);
            detail = describe(cause);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new CheckResult(check.name(), check.description(), ok, millis, detail);
    }

    /** The failure and its root cause in one line: a missing module shows up as a NoClassDefFoundError deep down. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": "
                + failure.getMessage());
        if (root != failure) {
            text += " (caused by " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        }
        return text;
    }
}

package jobs.x402.console.ui.rls;

import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.resources.InstantFixtures;
import jobs.x402.console.session.ConsoleEnvironment;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.ui.Dialogs;
import jobs.x402.console.ui.ErrorText;
import jobs.x402.console.ui.shell.ConsoleContext;
import jobs.x402.console.ui.tasks.SameThreadTaskRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RLS page's view model without a toolkit: the access matrix grid, and Harden 005… / Roll back hardening…
 * asking first (declined changes nothing) and leaving no pane from before the change.
 */
@ExtendWith(DatabaseExtension.class)
class RlsViewModelTest {
    private static final boolean TOOLKIT_BEFORE = jobs.x402.console.ui.tasks.NoToolkit.isRunning();
    @TempDir
    static Path home;

    @AfterAll
    static void noToolkitWasNeeded() {
        jobs.x402.console.ui.tasks.NoToolkit.assertNotStarted(TOOLKIT_BEFORE);
    }

    /** Answers as told and remembers the SQL it was shown. */
    static final class Answer implements Dialogs {
        boolean yes;
        final List<String> sql = new ArrayList<>();

        @Override
        public boolean confirm(TargetIdentity target, String title, String text, String shownSql, String actionLabel) {
            sql.add(title + ": " + shownSql);
            return yes;
        }

        @Override
        public String confirmTyped(TargetIdentity target, String title, String text, String shownSql,
                                   String actionLabel) {
            return yes ? target.database() : null;
        }
    }

    @Test
    void theMatrixFillsTheGridAndHardenAsksThenRoundTrips(TestDatabase db) throws Exception {
        InstantFixtures.applyMigration(db);
        ConsoleEnvironment environment = new ConsoleEnvironment(ConsoleHome.fromEnvironment(
                Map.of(ConsoleHome.HOME_VARIABLE, home.toString())), Map.of());
        ConsoleContext context = new ConsoleContext(environment, new SameThreadTaskRunner());
        List<ErrorText> errors = new ArrayList<>();
        context.onError(errors::add);
        Answer answer = new Answer();
        RlsViewModel model = new RlsViewModel(context, answer);
        context.setSession(ConsoleSession.open(environment, db.target(), jobs.x402.console.core.ProgressListener.NONE));
        try {
            model.runMatrix();
            assertThat(model.matrixRows).anySatisfy(row -> {
                assertThat(row.table()).isEqualTo("public.user_openrouter_integrations");
                assertThat(row.persona()).isEqualTo("anon");
                assertThat(row.select().verdict()).isEqualTo(jobs.x402.console.rls.AccessVerdict.DENIED);
            });
            model.readHardening();
            assertThat(model.hardeningState.get()).isEqualTo("005 not hardened");

            model.toggleHardening();
            assertThat(answer.sql).singleElement().asString().startsWith("Harden 005: alter policy");
            model.readHardening();
            assertThat(model.hardeningState.get()).as("declined: nothing changed").isEqualTo("005 not hardened");
            assertThat(model.matrixRows).isNotEmpty();

            answer.yes = true;
            model.toggleHardening();
            assertThat(errors).isEmpty();
            assertThat(model.hardened.get()).isTrue();
            assertThat(model.matrixRows).as("the grid was computed before the change").isEmpty();
            assertThat(model.matrixSummary.get()).contains("check again");

            model.toggleHardening();
            assertThat(answer.sql.get(answer.sql.size() - 1)).startsWith("Roll back the hardening: alter table");
            assertThat(model.hardened.get()).isFalse();
            assertThat(model.hardeningState.get()).isEqualTo("005 not hardened");
        } finally {
            context.session().close();
        }
    }
}

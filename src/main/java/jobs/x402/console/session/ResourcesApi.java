package jobs.x402.console.session;

import jobs.x402.console.core.Confirmation;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.resources.ResourceChange;
import jobs.x402.console.resources.ResourceRemoval;
import jobs.x402.console.keys.CreatorKeyReader;
import jobs.x402.console.keys.IntegrationSecretSource;
import jobs.x402.console.openrouter.ChatStreamListener;
import jobs.x402.console.resources.CatalogDiff;
import jobs.x402.console.resources.ConfigReading;
import jobs.x402.console.resources.InstantResourceEditor;
import jobs.x402.console.resources.InstantTestRun;
import jobs.x402.console.resources.ModelCatalog;
import jobs.x402.console.resources.ModelCatalogSync;
import jobs.x402.console.resources.ModelChoice;
import jobs.x402.console.resources.ResourceCatalog;
import jobs.x402.console.resources.ResourceDetails;
import jobs.x402.console.resources.ResourceDraft;
import jobs.x402.console.resources.ResourceFilter;
import jobs.x402.console.resources.ResourceSummary;
import jobs.x402.console.resources.RunHistory;
import jobs.x402.console.resources.RunInputs;
import jobs.x402.console.resources.RunRecord;
import jobs.x402.console.resources.ServerChoice;

import java.util.List;
import java.util.UUID;

/**
 * x402 resources on the session's target: list, read, check, create and update openrouter_instant ones, sync the
 * model catalog, and test-run a resource through the session's OpenRouter client exactly as the backend would.
 */
public final class ResourcesApi {
    private final ConsoleSession session;

    ResourcesApi(ConsoleSession session) {
        this.session = session;
    }

    public List<ResourceSummary> list(ResourceFilter filter) {
        return catalog().list(filter);
    }

    /** @param serverSlug which server's resource, when the slug is used on several; may be null */
    public ResourceDetails find(String slug, String serverSlug) {
        return catalog().find(slug, serverSlug);
    }

    public List<ServerChoice> servers() {
        return catalog().serverChoices();
    }

    public List<ModelChoice> models(ModelCatalog.Filter filter) {
        return new ModelCatalog(session.database()).list(filter);
    }

    /** The model catalog's table on this target (ai_models, or x402_openrouter_models on the shipped schema). */
    public String modelCatalogTable() {
        return session.schemaVariant().modelCatalog();
    }

    /** @param existingId the resource being edited, null for a new one */
    public InstantResourceEditor.DraftCheck check(ResourceDraft draft, UUID existingId) {
        return editor().check(draft, existingId);
    }

    public ResourceDetails create(ResourceDraft draft) {
        return editor().create(draft, session.audit());
    }

    public ResourceDetails update(ResourceDetails existing, ResourceDraft draft) {
        return editor().update(existing, draft, session.audit());
    }

    /**
     * Checks, then creates or updates, as the editor's Save does: a draft with errors writes nothing and comes back
     * as its check.
     */
    public SaveOutcome save(ResourceDetails existing, ResourceDraft draft) {
        InstantResourceEditor editor = editor();
        InstantResourceEditor.DraftCheck check = editor.check(draft, existing == null ? null : existing.id());
        if (!check.writable()) {
            return new SaveOutcome(null, check);
        }
        return new SaveOutcome(existing == null ? editor.create(draft, session.audit())
                : editor.update(existing, draft, session.audit()), check);
    }

    /** @param saved null when the check refused the draft */
    public record SaveOutcome(ResourceDetails saved, InstantResourceEditor.DraftCheck check) {
    }

    /** OpenRouter's catalog compared with the target's; changes nothing. */
    public CatalogDiff previewModelSync(boolean allOutputModalities, String openRouterUrl, ProgressListener progress) {
        return new ModelCatalogSync(session.database()).preview(session.openRouter(openRouterUrl),
                allOutputModalities, progress);
    }

    public ModelCatalogSync.Applied applyModelSync(CatalogDiff diff, ProgressListener progress) {
        return new ModelCatalogSync(session.database()).apply(diff, session.audit(), progress);
    }

    /** The request a test-run would send and how it compares with the live backend's; sends nothing. */
    public InstantTestRun.Prepared prepareRun(ResourceDetails resource, RunInputs inputs, ConfigReading reading,
                                              String openRouterUrl) {
        return testRun(openRouterUrl).prepare(resource, inputs, reading);
    }

    /** Starts the stream with the creator's key (decrypted with the secret, forgotten once it is in the header). */
    public InstantTestRun.Running startRun(InstantTestRun.Prepared prepared, IntegrationSecretSource secret,
                                           ChatStreamListener listener, String openRouterUrl) {
        return testRun(openRouterUrl).start(prepared, secret, listener);
    }

    /** The integration secret for a test-run, from a variable (null: the backend's default) of this environment. */
    public IntegrationSecretSource secretFromVariable(String variable) {
        return session.environment().secretFromVariable(variable);
    }

    /** The integration secret typed by the operator, for one test-run. */
    public IntegrationSecretSource typedSecret(char[] typed) {
        return IntegrationSecretSource.typed(typed);
    }

    /** After a 401 from OpenRouter: records is_valid = false for the creator's key, audited. */
    public void markCreatorKeyInvalid(UUID creatorId) {
        new CreatorKeyReader(session.database()).markInvalid(creatorId, session.audit());
    }

    /** What deleting the resource would do; changes nothing. */
    public ResourceChange previewDelete(String slug, String serverSlug) {
        return removal().previewDelete(slug, serverSlug);
    }

    /** What changing the resource's type would do; changes nothing. */
    public ResourceChange previewRetype(String slug, String serverSlug, String newType) {
        return removal().previewRetype(slug, serverSlug, newType);
    }

    /** Deletes the previewed resource; the confirmation must name the database. Audited. */
    public void delete(ResourceChange preview, Confirmation confirmation) {
        removal().delete(preview, confirmation);
    }

    /** Sets the previewed type; refused if the row changed since the preview. Audited. */
    public void retype(ResourceChange preview, Confirmation confirmation) {
        removal().retype(preview, confirmation);
    }

    /** The types a resource can be changed to (besides openrouter_instant, which needs the editor). */
    public static java.util.SortedSet<String> retypeChoices() {
        return new java.util.TreeSet<>(ResourceRemoval.OTHER_TYPES);
    }

    private ResourceRemoval removal() {
        return new ResourceRemoval(session.database(), session.audit());
    }

    /** The test-runs kept on this machine, oldest first. */
    public List<RunRecord> runs() {
        return runs(session.environment());
    }

    public static List<RunRecord> runs(ConsoleEnvironment environment) {
        return RunHistory.in(environment.home()).read();
    }

    /** The one run whose id starts with {@code prefix} (a usage error when none or several do). */
    public static RunRecord findRun(ConsoleEnvironment environment, String prefix) {
        return RunHistory.in(environment.home()).find(prefix);
    }

    public static List<RunHistory.Row> compareRuns(RunRecord left, RunRecord right) {
        return RunHistory.compare(left, right);
    }

    private ResourceCatalog catalog() {
        return new ResourceCatalog(session.database());
    }

    private InstantResourceEditor editor() {
        return new InstantResourceEditor(session.database());
    }

    private InstantTestRun testRun(String openRouterUrl) {
        return new InstantTestRun(session.database(), session.openRouter(openRouterUrl),
                RunHistory.in(session.environment().home()));
    }
}

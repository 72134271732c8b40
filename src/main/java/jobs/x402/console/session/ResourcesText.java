package jobs.x402.console.session;

import jobs.x402.console.resources.InstantRequestBuilder;

import java.util.List;

/** What both faces show about a prompt: the {name}{/name} tags the backend replaces, where they are. */
public final class ResourcesText {
    private ResourcesText() {
    }

    /** The confirmation's text: what happens to which resource, and what follows from it. */
    public static String changeSummary(jobs.x402.console.resources.ResourceChange change) {
        String what = change.kind() == jobs.x402.console.resources.ResourceChange.Kind.DELETE
                ? "Delete " + change.where() + " (\"" + change.name() + "\", " + change.currentType() + ")."
                : "Change the type of " + change.where() + " from " + change.currentType() + " to " + change.newType()
                + ".";
        return what + " " + String.join(" ", change.consequences());
    }

    /** What was done, for the result line. */
    public static String changed(jobs.x402.console.resources.ResourceChange change) {
        return change.kind() == jobs.x402.console.resources.ResourceChange.Kind.DELETE
                ? "Deleted " + change.where() + "."
                : "Changed the type of " + change.where() + " to " + change.newType() + ".";
    }

    /** The tag names of a prompt, in order, as the backend finds them. */
    public static List<String> tagsIn(String prompt) {
        return InstantRequestBuilder.tagsIn(prompt);
    }

    /** Where each tag pair is, for highlighting. */
    public static List<InstantRequestBuilder.TagSpan> tagSpans(String prompt) {
        return InstantRequestBuilder.tagSpans(prompt);
    }
}

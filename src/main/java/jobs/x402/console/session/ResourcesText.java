package jobs.x402.console.session;

import jobs.x402.console.resources.InstantRequestBuilder;

import java.util.List;

/** What both faces show about a prompt: the {name}{/name} tags the backend replaces, where they are. */
public final class ResourcesText {
    private ResourcesText() {
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

package jobs.x402.console.target;

import jobs.x402.console.core.OperatorException;


/**
 * Which shape of migration 005 a target has, and why the console thinks so. Read once when a session opens:
 * the key table's name decides when 005 is there; otherwise the model catalog the resources will reference does
 * ({@code x402_openrouter_models} without {@code ai_models} means shipped). A database with both key tables or both
 * catalogs is ambiguous: the console names it and asks the operator to choose rather than guess.
 *
 * @param variant   the variant in force, or null when the target is ambiguous and nobody chose
 * @param chosen    the operator chose it (profile or option) instead of the catalog telling
 * @param evidence  the sentence that says why, for status and overview
 */
public record VariantDetection(SchemaVariant variant, boolean chosen, String evidence) {

    public boolean ambiguous() {
        return variant == null;
    }

    /** The variant, or a usage error that names the ambiguity and the way out. */
    public SchemaVariant require() {
        if (variant == null) {
            throw OperatorException.usage("The schema variant of this database is ambiguous: " + evidence,
                    "choose the schema variant (seed or shipped) for this target")
                    .withAction(jobs.x402.console.core.RemedyAction.CHOOSE_SCHEMA_VARIANT);
        }
        return variant;
    }

    public static VariantDetection chosen(SchemaVariant variant) {
        return new VariantDetection(variant, true, "chosen by the operator: " + variant.label() + " ("
                + variant.keyTable() + ", " + variant.modelCatalog() + ")");
    }
}

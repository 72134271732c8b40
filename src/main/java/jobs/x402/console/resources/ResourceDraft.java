package jobs.x402.console.resources;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the editor (or `resources create|update`) holds for an openrouter_instant resource before it is written.
 *
 * @param server  the server's slug or id
 * @param model   the catalog model's id or openrouter_id
 * @param payTo   null reuses the address the server's other resources on the same network pay to
 */
public record ResourceDraft(String name, String slug, String description, String server, String model,
                            InstantConfig config, List<PromptParameter> parameters, boolean allowsUserMessage,
                            BigDecimal priceUsdc, String network, String payTo, boolean active) {
    public static final String DEFAULT_NETWORK = "base";
    public static final BigDecimal DEFAULT_PRICE = new BigDecimal("0.01");

    public ResourceDraft {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /** The draft an existing resource gives the editor: its config as configured (nested where present). */
    public static ResourceDraft of(ResourceDetails d) {
        InstantConfig config = d.config() == null ? new InstantConfig("", null, null, null, null, null, null)
                : d.config().reading(ConfigReading.AS_CONFIGURED);
        return new ResourceDraft(d.name(), d.slug(), d.description(), d.serverSlug(),
                d.model() == null ? null : d.model().openrouterId(), config, d.parameters(), d.allowsUserMessage(),
                d.priceUsdc(), d.network(), d.payTo(), d.active());
    }

    public ResourceDraft withConfig(InstantConfig value) {
        return new ResourceDraft(name, slug, description, server, model, value, parameters, allowsUserMessage,
                priceUsdc, network, payTo, active);
    }
}

package jobs.x402.console.resources;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.db.DatabaseSession;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates and updates openrouter_instant resources the way the backend's create writes them (docs/backend-behaviour.md §4.8):
 * openrouter_model_id, the config in both shapes with equal values, and the pt_* copies. A draft with any error is
 * refused whole: nothing is written.
 */
public final class InstantResourceEditor {
    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    public static final List<String> NETWORKS = List.of("solana", "base", "ethereum", "polygon", "base-sepolia",
            "ethereum-sepolia", "solana-devnet");
    private static final BigDecimal MAX_PRICE = new BigDecimal("9999.999999");

    private final DatabaseSession session;

    public InstantResourceEditor(DatabaseSession session) {
        this.session = session;
    }

    /** What the checks found, and what the draft resolved to. */
    public record DraftCheck(List<ConfigFinding> findings, ServerChoice server, ModelChoice model, String payTo) {
        public DraftCheck {
            findings = List.copyOf(findings);
        }

        public boolean writable() {
            return !InstantConfigValidator.hasErrors(findings);
        }
    }

    /** Checks a draft without writing; {@code existingId} is the resource being edited, null for a new one. */
    public DraftCheck check(ResourceDraft draft, UUID existingId) {
        ResourceSchema.read(session).requireInstantColumns(session);
        List<ConfigFinding> findings = new ArrayList<>(checkFields(draft));
        ResourceCatalog catalog = new ResourceCatalog(session);
        ServerChoice server = null;
        if (draft.server() != null && !draft.server().isBlank()) {
            UUID id = ModelCatalog.parseUuid(draft.server());
            server = catalog.serverChoices().stream()
                    .filter(s -> id != null ? s.id().equals(id) : draft.server().equals(s.slug()))
                    .findFirst().orElse(null);
            if (server == null) {
                findings.add(error("server", "no server " + draft.server() + " in x402_servers"));
            } else if (server.creatorId() == null) {
                findings.add(new ConfigFinding(ConfigFinding.Severity.WARNING, "server",
                        "server " + server.slug() + " has no registered_by: no creator key can run the resource"));
            }
        } else {
            findings.add(error("server", "required: the server's creator is whose key runs the resource"));
        }
        ModelChoice model = null;
        if (draft.model() != null && !draft.model().isBlank()) {
            model = new ModelCatalog(session).find(draft.model());
            if (model == null) {
                findings.add(error("model", "no model " + draft.model() + " in " + session.schemaVariant().modelCatalog() + " (sync the model catalog from OpenRouter?)"));
            } else if (!model.active()) {
                findings.add(new ConfigFinding(ConfigFinding.Severity.WARNING, "model", model.openrouterId()
                        + " is inactive: OpenRouter no longer lists it and may answer 404"));
            }
        } else {
            findings.add(error("model", "required: pick a model from the catalog"));
        }
        String payTo = draft.payTo();
        String network = draft.network() == null ? ResourceDraft.DEFAULT_NETWORK : draft.network();
        if (server != null) {
            if (payTo == null || payTo.isBlank()) {
                payTo = payToOfServer(server.id(), network);
                if (payTo == null) {
                    findings.add(error("pay_to", "required: server " + server.slug()
                            + " has no other resource on " + network + " to take the address from"));
                }
            }
            if (draft.slug() != null && slugTaken(server.id(), draft.slug(), existingId)) {
                findings.add(error("slug", "server " + server.slug() + " already has an active resource "
                        + draft.slug()));
            }
        }
        return new DraftCheck(findings, server, model, payTo);
    }

    static List<ConfigFinding> checkFields(ResourceDraft draft) {
        List<ConfigFinding> findings = new ArrayList<>();
        if (draft.name() == null || draft.name().isBlank()) {
            findings.add(error("name", "required"));
        } else if (draft.name().length() > 200) {
            findings.add(error("name", "longer than 200 characters"));
        }
        if (draft.slug() == null || !SLUG.matcher(draft.slug()).matches()) {
            findings.add(error("slug", "lowercase letters, digits and '-', 1 to 63 characters, not starting with '-'"));
        }
        String network = draft.network() == null ? ResourceDraft.DEFAULT_NETWORK : draft.network();
        if (!NETWORKS.contains(network)) {
            findings.add(error("network", network + " is not one of " + String.join(", ", NETWORKS)));
        }
        BigDecimal price = draft.priceUsdc() == null ? ResourceDraft.DEFAULT_PRICE : draft.priceUsdc();
        if (price.signum() < 0 || price.compareTo(MAX_PRICE) > 0 || price.stripTrailingZeros().scale() > 6) {
            findings.add(error("price_usdc", price.toPlainString() + " is not 0..9999.999999 with at most 6 decimals"));
        }
        Set<String> names = new HashSet<>();
        for (PromptParameter p : draft.parameters()) {
            if (!PromptParameter.NAME.matcher(p.name()).matches()) {
                findings.add(error("pt_parameters", "parameter name '" + p.name()
                        + "' must be letters, digits, '_', '.', '-' (not starting with a digit)"));
            }
            if (!names.add(p.name())) {
                findings.add(error("pt_parameters", "parameter " + p.name() + " is declared twice"));
            }
        }
        InstantConfig config = draft.config();
        if (config == null) {
            findings.add(error("systemPrompt", "required"));
            return findings;
        }
        // the stored form is what both readers see: validate exactly that
        StoredInstantConfig stored = StoredInstantConfig.of(config, "the draft");
        for (ConfigFinding finding : InstantConfigValidator.check(stored, draft.parameters(), null,
                new CatalogModel(null, "(checked separately)", null, "text", true))) {
            if (!finding.field().equals("modelId")) {
                findings.add(finding);
            }
        }
        return findings;
    }

    private String payToOfServer(UUID serverId, String network) {
        return session.sessionFactory().fromStatelessTransaction(s -> s.createSelectionQuery(
                        "select r.payTo from X402Resource r where r.serverId = :server and r.network = :network "
                                + "order by r.createdAt desc", String.class)
                .setParameter("server", serverId).setParameter("network", network).setMaxResults(1)
                .getResultStream().findFirst().orElse(null));
    }

    private boolean slugTaken(UUID serverId, String slug, UUID existingId) {
        return session.sessionFactory().fromStatelessTransaction(s -> s.createSelectionQuery(
                        "select count(r) from X402Resource r where r.serverId = :server and r.slug = :slug "
                                + "and r.active = true and r.id <> :id", Long.class)
                .setParameter("server", serverId).setParameter("slug", slug)
                .setParameter("id", existingId == null ? new UUID(0, 0) : existingId).getSingleResult()) > 0;
    }

    /** Writes a new resource; refuses (usage) when the draft has errors. */
    public ResourceDetails create(ResourceDraft draft, AuditLog audit) {
        DraftCheck check = requireWritable(draft, null);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID id = write(session, null, draft, check, now);
        audit(audit, "resources.create", draft, check, id);
        return new ResourceCatalog(session).find(draft.slug(), check.server().slug());
    }

    /** Rewrites an existing resource from the draft; the config is written in both shapes again. */
    public ResourceDetails update(ResourceDetails existing, ResourceDraft draft, AuditLog audit) {
        DraftCheck check = requireWritable(draft, existing.id());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        write(session, existing.id(), draft, check, now);
        audit(audit, "resources.update", draft, check, existing.id());
        return new ResourceCatalog(session).find(draft.slug(), check.server().slug());
    }

    private DraftCheck requireWritable(ResourceDraft draft, UUID existingId) {
        DraftCheck check = check(draft, existingId);
        if (!check.writable()) {
            List<String> errors = check.findings().stream()
                    .filter(f -> f.severity() == ConfigFinding.Severity.ERROR)
                    .map(f -> f.field() + ": " + f.message()).toList();
            throw OperatorException.usage("Nothing written: the resource has " + errors.size() + " error(s): "
                    + String.join("; ", errors), "fix them and save again");
        }
        return check;
    }

    private static UUID write(DatabaseSession session, UUID existingId, ResourceDraft draft, DraftCheck check,
                              OffsetDateTime now) {
        try {
            return session.inTransaction(s -> {
                InstantResource row;
                if (existingId == null) {
                    row = InstantResource.create(check.server().id(), check.server().creatorId(), draft.slug(), now);
                } else {
                    row = s.find(InstantResource.class, existingId);
                    if (row == null) {
                        throw OperatorException.usage("The resource was deleted while it was being edited",
                                "reload the list");
                    }
                    row.setSlug(draft.slug());
                    row.setUpdatedAt(now);
                }
                String network = draft.network() == null ? ResourceDraft.DEFAULT_NETWORK : draft.network();
                String serverSlug = check.server().slug() == null ? check.server().id().toString()
                        : check.server().slug();
                String normalized = "x402.jobs/r/" + serverSlug + "/" + draft.slug();
                if (existingId == null) {
                    row.setUrls("https://" + normalized, normalized);
                }
                row.setName(draft.name().trim());
                row.setDescription(draft.description());
                row.setNetwork(network);
                row.setPayTo(check.payTo());
                row.setPriceUsdc(draft.priceUsdc() == null ? ResourceDraft.DEFAULT_PRICE : draft.priceUsdc());
                row.setActive(draft.active());
                InstantConfig config = draft.config();
                InstantConfig written = new InstantConfig(config.systemPrompt(), config.temperature(),
                        config.maxTokens(), config.topP(), config.frequencyPenalty(), config.presencePenalty(),
                        check.model().openrouterId());
                row.setInstant(check.model().id(), written, PromptParameter.toJson(draft.parameters()),
                        draft.allowsUserMessage());
                if (existingId == null) {
                    s.persist(row);
                }
                s.flush();
                return row.getId();
            });
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            throw OperatorException.usage("Nothing written: the database refused the resource ("
                    + e.getConstraintName() + ")", "another resource already uses this URL or slug; pick another");
        }
    }

    private void audit(AuditLog audit, String action, ResourceDraft draft, DraftCheck check, UUID id) {
        if (audit == null) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("id", id.toString());
        details.put("server", check.server().slug());
        details.put("model", check.model().openrouterId());
        details.put("parameters", draft.parameters().size());
        audit.append(session.identity().role(), session.identity().bannerLine(), action, draft.slug(), "written",
                details);
    }

    private static ConfigFinding error(String field, String message) {
        return new ConfigFinding(ConfigFinding.Severity.ERROR, field, message);
    }
}

package jobs.x402.console.resources;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.db.DatabaseSession;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads x402_resources for the list, `resources show` and the editor; 005's columns when the target has them. */
public final class ResourceCatalog {
    private final DatabaseSession session;

    public ResourceCatalog(DatabaseSession session) {
        this.session = session;
    }

    /** Entity classes this feature maps; the session connector registers them with Hibernate. */
    public static List<Class<?>> entityClasses() {
        return List.of(AiModel.class, X402Server.class, X402Resource.class, InstantResource.class);
    }

    /** openrouter_instant first, then by type, server and slug. */
    public List<ResourceSummary> list(ResourceFilter filter) {
        ResourceSchema schema = ResourceSchema.read(session);
        Map<UUID, X402Server> servers = servers();
        List<ResourceSummary> all = new ArrayList<>();
        if (schema.hasInstantColumns()) {
            Map<UUID, ModelChoice> models = models();
            List<InstantResource> rows = session.sessionFactory().fromStatelessTransaction(s ->
                    s.createSelectionQuery("from InstantResource", InstantResource.class).getResultList());
            for (InstantResource row : rows) {
                all.add(summary(details(row, servers.get(row.getServerId()),
                        row.getOpenrouterModelId() == null ? null : models.get(row.getOpenrouterModelId()))));
            }
        } else {
            List<X402Resource> rows = session.sessionFactory().fromStatelessTransaction(s ->
                    s.createSelectionQuery("from X402Resource", X402Resource.class).getResultList());
            for (X402Resource row : rows) {
                X402Server server = servers.get(row.getServerId());
                List<String> names = parameterNames(row.getParametersJson(), row.getSlug());
                all.add(new ResourceSummary(row.getId(), row.getSlug(), row.getName(), row.getResourceType(),
                        server == null ? null : server.getSlug(), server == null ? null : server.getName(),
                        row.isActive(), row.getPriceUsdc(), null,
                        row.getMaxTokens() == null ? "" : "max_tokens " + row.getMaxTokens(), names, List.of()));
            }
        }
        return all.stream().filter(filter::matches).sorted(ORDER).toList();
    }

    private static final Comparator<ResourceSummary> ORDER = Comparator
            .comparing((ResourceSummary r) -> !r.isInstant())
            .thenComparing(ResourceSummary::resourceType)
            .thenComparing(r -> r.serverSlug() == null ? "" : r.serverSlug())
            .thenComparing(r -> r.slug() == null ? "" : r.slug());

    private static List<String> parameterNames(String json, String slug) {
        try {
            return PromptParameter.parseList(json, "resource " + slug).stream().map(PromptParameter::name).toList();
        } catch (OperatorException e) {
            return List.of("(unreadable)");
        }
    }

    /**
     * The openrouter_instant resource with this slug, on the given server when several servers use the slug.
     *
     * @throws OperatorException (usage) when there is none, or several and no server was given
     */
    public ResourceDetails find(String slug, String serverSlug) {
        ResourceSchema.read(session).requireInstantColumns(session);
        Map<UUID, X402Server> servers = servers();
        List<InstantResource> rows = session.sessionFactory().fromStatelessTransaction(s ->
                s.createSelectionQuery("from InstantResource r where r.slug = :slug order by r.active desc, "
                        + "r.createdAt desc", InstantResource.class).setParameter("slug", slug).getResultList());
        if (serverSlug != null && !serverSlug.isBlank()) {
            rows = rows.stream().filter(r -> servers.get(r.getServerId()) != null
                    && serverSlug.equals(servers.get(r.getServerId()).getSlug())).toList();
        }
        if (rows.isEmpty()) {
            throw OperatorException.usage("No resource with slug " + slug
                            + (serverSlug == null ? "" : " on server " + serverSlug) + " on "
                            + session.identity().bannerLine(),
                    "list the openrouter_instant resources")
                    .withAction(jobs.x402.console.core.RemedyAction.LIST_INSTANT_RESOURCES);
        }
        if (rows.size() > 1 && rows.stream().map(InstantResource::getServerId).distinct().count() > 1) {
            throw OperatorException.usage("Slug " + slug + " is used on several servers: " + String.join(", ",
                            rows.stream().map(r -> servers.get(r.getServerId()) == null ? "(no server)"
                                    : servers.get(r.getServerId()).getSlug()).distinct().toList()),
                    "say which server's resource is meant")
                    .withAction(jobs.x402.console.core.RemedyAction.NAME_SERVER);
        }
        InstantResource row = rows.get(0);
        if (!InstantResource.TYPE.equals(row.getResourceType())) {
            throw OperatorException.usage("Resource " + slug + " is of type " + row.getResourceType()
                    + ", not openrouter_instant", "the console edits and runs openrouter_instant resources only");
        }
        ModelChoice model = row.getOpenrouterModelId() == null ? null : models().get(row.getOpenrouterModelId());
        return details(row, servers.get(row.getServerId()), model);
    }

    static ResourceDetails details(InstantResource row, X402Server server, ModelChoice model) {
        String where = "resource " + row.getSlug() + (server == null ? "" : " (" + server.getSlug() + ")");
        StoredInstantConfig config = null;
        String configProblem = null;
        try {
            config = StoredInstantConfig.parse(row.getOpenrouterConfig(), where);
        } catch (OperatorException e) {
            configProblem = e.problem();
        }
        List<PromptParameter> parameters = List.of();
        String parametersProblem = null;
        try {
            parameters = PromptParameter.parseList(row.getParametersJson(), where);
        } catch (OperatorException e) {
            parametersProblem = e.problem();
        }
        List<ConfigFinding> findings = new ArrayList<>();
        if (InstantResource.TYPE.equals(row.getResourceType())) {
            if (configProblem != null) {
                findings.add(new ConfigFinding(ConfigFinding.Severity.ERROR, "openrouter_config", configProblem));
            }
            if (parametersProblem != null) {
                findings.add(new ConfigFinding(ConfigFinding.Severity.ERROR, "pt_parameters", parametersProblem));
            }
            if (config != null) {
                findings.addAll(InstantConfigValidator.check(config, parameters,
                        new InstantConfigValidator.Copies(row.getSystemPromptCopy(), row.getMaxTokensCopy()),
                        model == null ? null : model.asCatalogModel()));
            }
            if (row.getOpenrouterModelId() != null && model == null) {
                findings.removeIf(f -> f.field().equals("openrouter_model_id"));
                findings.add(new ConfigFinding(ConfigFinding.Severity.ERROR, "openrouter_model_id",
                        row.getOpenrouterModelId() + " is not in the model catalog (deleted?)"));
            }
            if (server == null) {
                findings.add(new ConfigFinding(ConfigFinding.Severity.ERROR, "server_id",
                        "no server: the backend finds no creator, so no key runs it"));
            }
        }
        return new ResourceDetails(row.getId(), row.getSlug(), row.getName(), row.getDescription(),
                row.getResourceType(), row.getServerId(), server == null ? null : server.getSlug(),
                server == null ? null : server.getName(), server == null ? null : server.getRegisteredBy(),
                row.isActive(), row.getPriceUsdc(), row.getNetwork(), row.getPayTo(), row.getResourceUrl(),
                row.getOpenrouterModelId(), model, row.getOpenrouterConfig(), config, configProblem, parameters,
                parametersProblem, row.allowsUserMessage(), row.getSystemPromptCopy(), row.getMaxTokensCopy(),
                findings);
    }

    static ResourceSummary summary(ResourceDetails d) {
        StringBuilder text = new StringBuilder();
        if (d.config() != null && InstantResource.TYPE.equals(d.resourceType())) {
            try {
                InstantConfig live = d.config().reading(ConfigReading.LIVE_BACKEND);
                text.append("temperature ").append(number(live.effectiveTemperature())).append(" · max_tokens ")
                        .append(live.effectiveMaxTokens()).append(" · top_p ").append(number(live.effectiveTopP()));
            } catch (OperatorException e) {
                text.append("config unreadable");
            }
            if (d.allowsUserMessage()) {
                text.append(" · user message allowed");
            }
        } else if (d.maxTokensCopy() != null) {
            text.append("max_tokens ").append(d.maxTokensCopy());
        }
        return new ResourceSummary(d.id(), d.slug(), d.name(), d.resourceType(), d.serverSlug(), d.serverName(),
                d.active(), d.priceUsdc(), d.model() == null ? (d.modelId() == null ? null : "(deleted model)")
                : d.model().openrouterId(), text.toString(),
                d.parameters().stream().map(PromptParameter::name).toList(), d.findings());
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** Servers by id, for names and creators. */
    public Map<UUID, X402Server> servers() {
        Map<UUID, X402Server> map = new HashMap<>();
        session.sessionFactory().fromStatelessTransaction(s ->
                s.createSelectionQuery("from X402Server", X402Server.class).getResultList())
                .forEach(server -> map.put(server.getId(), server));
        return map;
    }

    /** Server slugs and names for the filter and the editor, by slug. */
    public List<ServerChoice> serverChoices() {
        return servers().values().stream()
                .map(s -> new ServerChoice(s.getId(), s.getSlug(), s.getName(), s.getRegisteredBy()))
                .sorted(Comparator.comparing(c -> c.slug() == null ? "" : c.slug())).toList();
    }

    private Map<UUID, ModelChoice> models() {
        Map<UUID, ModelChoice> map = new HashMap<>();
        new ModelCatalog(session).list(ModelCatalog.Filter.all()).forEach(m -> map.put(m.id(), m));
        return map;
    }
}

package jobs.x402.console.resources;

import java.util.UUID;

/** The catalog row a resource's {@code openrouter_model_id} points at, as far as a request needs it. */
record CatalogModel(UUID id, String openrouterId, String displayName, String modality, boolean active) {

    /** The backend asks image models for {@code modalities: ["image","text"]}. */
    public boolean isImageModel() {
        return "image".equals(modality);
    }

    static CatalogModel of(AiModel model) {
        return new CatalogModel(model.getId(), model.getOpenrouterId(), model.getDisplayName(), model.getModality(),
                model.isActive());
    }
}

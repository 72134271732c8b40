package jobs.x402.console.rls;

/** The parts of the catalog read separately, so one that cannot be read leaves the others standing. */
enum CatalogSection {
    TABLES("tables (pg_class)"),
    POLICIES("policies (pg_policy)"),
    SECRET_COLUMNS("columns (pg_attribute)"),
    ROLES("roles (pg_roles)");

    private final String label;

    CatalogSection(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

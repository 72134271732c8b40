package jobs.x402.console.rls;

/** A view and whether it runs with the caller's rights (security_invoker) or its owner's. */
record ViewSecurity(String schema, String name, boolean securityInvoker, boolean readableByApiRoles) {

    public String qualifiedName() {
        return RlsSql.qualified(schema, name);
    }
}

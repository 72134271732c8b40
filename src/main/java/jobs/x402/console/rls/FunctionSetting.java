package jobs.x402.console.rls;

/**
 * A user function and whether its search_path is pinned (pg_proc.proconfig).
 *
 * @param identityArguments the argument list that identifies it, for ALTER FUNCTION
 */
record FunctionSetting(String schema, String name, String identityArguments, boolean searchPathFixed,
                              boolean securityDefiner) {

    public String signature() {
        return RlsSql.qualified(schema, name) + "(" + identityArguments + ")";
    }
}

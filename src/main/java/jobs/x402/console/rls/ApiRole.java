package jobs.x402.console.rls;

/**
 * One of Supabase's API roles (anon, authenticated, service_role) as this target has it.
 *
 * @param canSwitch the connected role may SET ROLE to it (superuser, or member with the SET option)
 */
record ApiRole(String name, boolean exists, boolean bypassRls, boolean canSwitch) {
}

package jobs.x402.console.rls;

/**
 * One statement of a cell, run as {@code role} with {@code claims} after {@code setup} (as the operator), and
 * undone at once: the runner and the exported pgTAP suite call it through the same helper function
 * ({@code pg_temp.x402_as}), so what the matrix shows is what the suite asserts.
 *
 * @param setup     SQL run as the operator first (freeing a unique owner slot for an insert), or null
 * @param statement the persona's statement; a SELECT answers "own/other" counts, a write its row count
 * @param answer    what it answered: a number, "own/other" counts, or "error SQLSTATE: message"
 */
public record MatrixStep(String role, String claims, String setup, String statement, String answer) {

    public boolean failed() {
        return answer.startsWith("error ");
    }

    public String sqlState() {
        return failed() ? answer.substring(6, 11) : null;
    }

    /** The call both the runner and the pgTAP suite make. */
    public String call() {
        return "pg_temp.x402_as(" + RlsSql.literal(role) + ", " + RlsSql.literal(claims) + ", "
                + (setup == null ? "null" : dollar(setup)) + ", " + dollar(statement) + ")";
    }

    /** The same as a person would type it in psql (inside a transaction that is then rolled back). */
    public String script() {
        return (setup == null ? "" : setup + ";\n") + "set local role " + RlsSql.ident(role) + ";\n"
                + "select set_config('request.jwt.claims', " + RlsSql.literal(claims) + ", true);\n" + statement + ";";
    }

    static String dollar(String sql) {
        String tag = "$q$";
        int n = 0;
        while (sql.contains(tag)) {
            tag = "$q" + (++n) + "$";
        }
        return tag + sql + tag;
    }

    /** Creates the helper in the transaction (temporary: it goes with the rollback). */
    static final String HELPER = """
            create function pg_temp.x402_as(persona_role text, claims text, setup text, statement text)
            returns text language plpgsql as $helper$
            declare
                answer text;
                n bigint;
            begin
                begin
                    if setup is not null then
                        execute setup;
                    end if;
                    execute format('set local role %I', persona_role);
                    perform set_config('request.jwt.claims', claims, true);
                    perform set_config('request.jwt.claim.sub', '', true);
                    perform set_config('request.jwt.claim.role', '', true);
                    if statement ~* '^\\s*select' then
                        execute statement into answer;
                    else
                        execute statement;
                        get diagnostics n = row_count;
                        answer := n::text;
                    end if;
                    -- undo whatever the statement did (and the role switch) by leaving the block with an error
                    raise exception using errcode = 'X402U', message = answer;
                exception
                    when sqlstate 'X402U' then
                        return sqlerrm;
                    when others then
                        return 'error ' || sqlstate || ': ' || sqlerrm;
                end;
            end
            $helper$""";
}

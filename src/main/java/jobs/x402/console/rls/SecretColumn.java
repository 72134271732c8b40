package jobs.x402.console.rls;

/**
 * A column whose name looks like a credential or personal data.
 *
 * @param exactSensitiveName the name is on Supabase's sensitive_columns_exposed list (e.g. api_key, password);
 *                           otherwise it only contains a secret-looking word (e.g. encrypted_api_key)
 * @param readableByAnon     anon may SELECT it through a table or column grant
 * @param readableByAuthenticated authenticated may SELECT it through a table or column grant
 */
public record SecretColumn(String name, boolean exactSensitiveName, boolean readableByAnon,
                           boolean readableByAuthenticated) {
}

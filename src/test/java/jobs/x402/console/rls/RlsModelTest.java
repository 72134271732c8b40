package jobs.x402.console.rls;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts: persona parsing, per-row call detection and rewriting, plain-English readings. */
class RlsModelTest {

    @Test
    void personasParseFromTheirCliSpelling() {
        UUID id = UUID.fromString("11111111-1111-4111-8111-111111111111");
        assertThat(Persona.parse("anon")).isEqualTo(Persona.anon());
        assertThat(Persona.parse("service_role")).isEqualTo(Persona.serviceRole());
        assertThat(Persona.parse("user:" + id)).isEqualTo(Persona.user(id));
        assertThat(Persona.parse(id.toString())).isEqualTo(Persona.user(id));
        assertThat(Persona.parse("role:reporting")).isEqualTo(Persona.role("reporting"));
        assertThat(Persona.user(id).claimsJson()).contains("\"sub\":\"" + id + "\"").contains("\"role\":\"authenticated\"");
        assertThat(Persona.anon().claimsJson()).isEqualTo("{\"role\":\"anon\"}");
        for (Persona p : List.of(Persona.anon(), Persona.authenticated(), Persona.user(id), Persona.serviceRole(),
                Persona.role("x"))) {
            assertThat(Persona.parse(p.spec())).isEqualTo(p);
        }
        assertThatThrownBy(() -> Persona.parse("user:alice")).hasMessageContaining("not a user id");
        assertThatThrownBy(() -> Persona.parse("admin")).hasMessageContaining("role:NAME");
    }

    @Test
    void directAuthCallsAreFoundAndWrappedOnce() {
        String expression = "((auth.uid() = user_id) AND (( SELECT auth.role() AS role) = 'authenticated'::text)"
                + " AND ((current_setting('request.jwt.claims'::text, true))::jsonb ->> 'sub') IS NOT NULL)";
        assertThat(RlsLinter.perRowCalls(expression))
                .containsExactly("auth.uid()", "current_setting('request.jwt.claims'::text, true)");
        String wrapped = RlsLinter.wrapPerRowCalls(expression);
        assertThat(wrapped).contains("((select auth.uid()) = user_id)")
                .contains("( SELECT auth.role() AS role)")
                .contains("(select current_setting('request.jwt.claims'::text, true))");
        assertThat(RlsLinter.perRowCalls(wrapped)).isEmpty();
        assertThat(RlsLinter.perRowCalls("(( SELECT auth.uid() AS uid) = user_id)")).isEmpty();
    }

    @Test
    void policiesReadInPlainEnglish() {
        PolicyDefinition own = new PolicyDefinition("own", PolicyCommand.ALL, true, List.of("public"),
                "(auth.uid() = user_id)", "(auth.uid() = user_id)");
        assertThat(own.reading(Set.of("service_role"))).isEqualTo("Lets every role read, insert, update and delete"
                + " rows where (auth.uid() = user_id); written rows must satisfy the same.");
        PolicyDefinition service = new PolicyDefinition("svc", PolicyCommand.ALL, true, List.of("service_role"),
                "true", null);
        assertThat(service.reading(Set.of("service_role"))).contains("every row").contains("Never evaluated");
        PolicyDefinition insert = new PolicyDefinition("ins", PolicyCommand.INSERT, true, List.of("anon"), null,
                null);
        assertThat(insert.reading(Set.of())).isEqualTo("Lets anon insert any new row.");
        PolicyDefinition restrictive = new PolicyDefinition("r", PolicyCommand.SELECT, false,
                List.of("authenticated"), "(NOT hidden)", null);
        assertThat(restrictive.reading(Set.of())).startsWith("Restricts authenticated");
    }

    @Test
    void levelsCompareBySeverity() {
        assertThat(LintLevel.ERROR.atLeast(LintLevel.WARN)).isTrue();
        assertThat(LintLevel.INFO.atLeast(LintLevel.WARN)).isFalse();
        assertThat(LintLevel.WARN.atLeast(LintLevel.WARN)).isTrue();
        assertThat(RlsSql.qualified("public", "My Table")).isEqualTo("public.\"My Table\"");
        assertThat(RlsSql.ident("user")).isEqualTo("\"user\"");
    }
}

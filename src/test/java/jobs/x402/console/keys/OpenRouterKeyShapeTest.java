package jobs.x402.console.keys;

import jobs.x402.console.core.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OpenRouterKeyShapeTest {
    private static final String V1 = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abab12";

    @Test
    void aCurrentKeyMatchesAndIsV1() {
        assertThat(V1).hasSize(9 + 64);
        assertThat(OpenRouterKeyShape.matches(V1)).isTrue();
        assertThat(OpenRouterKeyShape.isV1(V1)).isTrue();
        assertThat(OpenRouterKeyShape.mismatch(V1)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sk-or-v1-633169d1bdf1491f", "sk-or-v2-ABC_def-123", "sk-or-abc"})
    void otherSkOrKeysMatchButAreNotV1(String key) {
        assertThat(OpenRouterKeyShape.matches(key)).isTrue();
        assertThat(OpenRouterKeyShape.isV1(key)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sk-or-", "sk-or-v1-", "sk-ant-api03-abc", "SK-OR-V1-abc", "hello",
            "sk-or-v1-abc def", "sk-or-v1-abc\n", "sk-or-v1-abc.def", "sk-or-v1-ä"})
    void nonKeysDoNotMatch(String text) {
        assertThat(OpenRouterKeyShape.matches(text)).isFalse();
        assertThat(OpenRouterKeyShape.mismatch(text)).isPresent();
    }

    @Test
    void mismatchExplainsWithoutQuotingTheValue() {
        assertThat(OpenRouterKeyShape.mismatch(null)).contains("it is empty");
        assertThat(OpenRouterKeyShape.mismatch("sk-ant-secretpart")).contains("it does not start with 'sk-or-'");
        assertThat(OpenRouterKeyShape.mismatch(V1 + "\n")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("whitespace").doesNotContain("0123456789"));
        assertThat(OpenRouterKeyShape.mismatch("sk-or-" + "a".repeat(300))).hasValueSatisfying(reason ->
                assertThat(reason).contains("306 characters"));
    }

    @Test
    void masksShowThePrefixAndTheLastFour() {
        assertThat(OpenRouterKeyShape.mask(V1)).isEqualTo("sk-or-v1-…ab12");
        assertThat(OpenRouterKeyShape.mask(Secret.of(V1))).isEqualTo("sk-or-v1-…ab12");
        assertThat(OpenRouterKeyShape.mask("sk-or-v2-abcdefghijklmnop")).isEqualTo("sk-or-…mnop");
        assertThat(OpenRouterKeyShape.mask("sk-or-v1-abc")).isEqualTo("sk-or-v1-…");
        assertThat(OpenRouterKeyShape.mask("not a key at all 1234")).isEqualTo("…");
        assertThat(OpenRouterKeyShape.mask((CharSequence) null)).isEqualTo("…");
    }

    @Test
    void secretOverloadsDoNotConsumeTheSecret() {
        Secret key = Secret.of(V1);
        assertThat(OpenRouterKeyShape.matches(key)).isTrue();
        assertThat(key.reveal()).isEqualTo(V1);
    }
}

package io.pushmon.gateway.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PushTokensTest {

    @Test
    void aTokenIs32UrlSafeCharactersCarrying192RandomBits() {
        String token = PushTokens.generate();

        assertThat(token).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(24);
        assertThat(PushTokens.BYTES * 8).isGreaterThanOrEqualTo(128);
    }

    @Test
    void tokensDoNotRepeatAndUseTheWholeAlphabet() {
        Set<String> tokens = new HashSet<>();
        Set<Character> alphabet = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String token = PushTokens.generate();
            tokens.add(token);
            token.chars().forEach(c -> alphabet.add((char) c));
        }

        assertThat(tokens).hasSize(20_000);
        assertThat(alphabet).hasSize(64).contains('-', '_');
    }

    @Test
    void onlyTheGeneratedShapeIsAccepted() {
        assertThat(PushTokens.hasValidShape(PushTokens.generate())).isTrue();
        assertThat(PushTokens.hasValidShape(null)).isFalse();
        assertThat(PushTokens.hasValidShape("")).isFalse();
        assertThat(PushTokens.hasValidShape("a".repeat(31))).isFalse();
        assertThat(PushTokens.hasValidShape("a".repeat(33))).isFalse();
        assertThat(PushTokens.hasValidShape("a".repeat(31) + "=")).isFalse();
        assertThat(PushTokens.hasValidShape("a".repeat(31) + "+")).isFalse();
        assertThat(PushTokens.hasValidShape("a".repeat(31) + "/")).isFalse();
    }

    @Test
    void aHealthchecksUuidIsAValidTokenButNotAGeneratedOne() {
        String uuid = "5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278";

        assertThat(PushTokens.hasValidShape(uuid)).isTrue();
        assertThat(PushTokens.isGeneratedShape(uuid)).isFalse();
        assertThat(PushTokens.hasValidShape(uuid.toUpperCase(Locale.ROOT))).isFalse();
        assertThat(PushTokens.hasValidShape(uuid.replace('-', 'x'))).isFalse();
    }
}

package io.pushmon.gateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class SessionTokensTest {

    private static final byte[] SECRET = "a-session-secret-of-at-least-32-characters".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");

    private final AtomicReference<Instant> clock = new AtomicReference<>(NOW);
    private final SessionTokens tokens = new SessionTokens(SECRET, Duration.ofHours(12), clock::get);

    @Test
    void anIssuedTokenNamesItsUserEpochAndExpiry() {
        String token = tokens.issue("usr_abc", 3);

        assertThat(token).startsWith("pms_");
        assertThat(tokens.verify(token)).hasValueSatisfying(session -> {
            assertThat(session.userId()).isEqualTo("usr_abc");
            assertThat(session.epoch()).isEqualTo(3);
            assertThat(session.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(12)));
        });
    }

    @Test
    void aTokenIsRefusedOnceItExpired() {
        String token = tokens.issue("usr_abc", 0);

        clock.set(NOW.plus(Duration.ofHours(12)).minusSeconds(1));
        assertThat(tokens.verify(token)).isPresent();
        clock.set(NOW.plus(Duration.ofHours(12)));
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void aChangedPayloadOrSignatureIsRefused() {
        String token = tokens.issue("usr_abc", 0);
        String body = token.substring(4);
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("usr_other|0|9999999999".getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.verify("pms_" + forgedPayload + body.substring(body.indexOf('.')))).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 2) + "AA")).isEmpty();
        assertThat(tokens.verify(token + "x")).isEmpty();
        assertThat(tokens.verify("pms_nodot")).isEmpty();
        assertThat(tokens.verify("pms_!!.??")).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        SessionTokens other = new SessionTokens("another-secret-of-at-least-32-characters!".getBytes(
                StandardCharsets.UTF_8), Duration.ofHours(12), clock::get);

        assertThat(tokens.verify(other.issue("usr_abc", 0))).isEmpty();
    }

    @Test
    void aSecondInstanceWithTheSameSecretAcceptsTheToken() {
        SessionTokens secondGateway = new SessionTokens(SECRET.clone(), Duration.ofHours(1), clock::get);

        assertThat(secondGateway.verify(tokens.issue("usr_abc", 7))).map(SessionTokens.Session::epoch).hasValue(7L);
    }

    @Test
    void onlyValuesWithThePrefixAreSessions() {
        assertThat(SessionTokens.isSessionToken("pms_x")).isTrue();
        assertThat(SessionTokens.isSessionToken("pmk_x")).isFalse();
        assertThat(SessionTokens.isSessionToken("test-default-tenant-key-0123456789")).isFalse();
        assertThat(SessionTokens.isSessionToken(null)).isFalse();
    }
}

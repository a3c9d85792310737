package io.pushmon.gateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.Role;
import io.pushmon.common.model.UserAccount;
import io.pushmon.common.model.UserAccount.Invitation;
import io.pushmon.common.model.UserAccount.Purpose;

class SingleUseTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");
    private static final UserAccount USER = new UserAccount("usr_1", "ann@example.org", "hash", false, List.of(),
            List.of(), List.of(), 0, NOW);

    @Test
    void aTokenIsStoredOnlyAsItsHashAndRedeemsOnce() {
        String token = SingleUseTokens.generate();
        String hash = SingleUseTokens.hash(token);
        UserAccount issued = SingleUseTokens.issue(USER, Purpose.RESET, hash, NOW.plusSeconds(3600), NOW);

        assertThat(issued.tokens()).singleElement().satisfies(t -> assertThat(t.sha256()).isEqualTo(hash)
                .isNotEqualTo(token));
        UserAccount redeemed = SingleUseTokens.redeem(issued, Purpose.RESET, hash, NOW).orElseThrow();
        assertThat(redeemed.tokens()).isEmpty();
        assertThat(SingleUseTokens.redeem(redeemed, Purpose.RESET, hash, NOW)).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() {
        UserAccount issued = SingleUseTokens.issue(USER, Purpose.VERIFY, "h", NOW.plusSeconds(60), NOW);

        assertThat(SingleUseTokens.redeem(issued, Purpose.VERIFY, "h", NOW.plusSeconds(59))).isPresent();
        assertThat(SingleUseTokens.redeem(issued, Purpose.VERIFY, "h", NOW.plusSeconds(60))).isEmpty();
    }

    @Test
    void aTokenRedeemsOnlyForItsPurpose() {
        UserAccount issued = SingleUseTokens.issue(USER, Purpose.VERIFY, "h", NOW.plusSeconds(60), NOW);

        assertThat(SingleUseTokens.redeem(issued, Purpose.RESET, "h", NOW)).isEmpty();
    }

    @Test
    void aNewTokenReplacesTheEarlierOneOfItsPurposeOnly() {
        UserAccount twice = SingleUseTokens.issue(SingleUseTokens.issue(
                SingleUseTokens.issue(USER, Purpose.VERIFY, "v", NOW.plusSeconds(60), NOW),
                Purpose.RESET, "r1", NOW.plusSeconds(60), NOW), Purpose.RESET, "r2", NOW.plusSeconds(60), NOW);

        assertThat(twice.tokens()).extracting(UserAccount.PendingToken::sha256).containsExactly("v", "r2");
    }

    @Test
    void anInvitationReplacesTheEarlierOneToTheSameTenantAndExpires() {
        Invitation first = new Invitation("i1", "t_a", Role.MEMBER, "user:usr_2", NOW.plusSeconds(60));
        Invitation second = new Invitation("i2", "t_a", Role.ADMIN, "user:usr_2", NOW.plusSeconds(60));
        Invitation other = new Invitation("i3", "t_b", Role.MEMBER, "key:key_1", NOW.plusSeconds(60));
        UserAccount invited = SingleUseTokens.invite(SingleUseTokens.invite(SingleUseTokens.invite(USER, first, NOW),
                other, NOW), second, NOW);

        assertThat(invited.invitations()).extracting(Invitation::sha256).containsExactly("i3", "i2");
        assertThat(SingleUseTokens.invitation(invited, "i2", NOW)).hasValue(second);
        assertThat(SingleUseTokens.invitation(invited, "i2", NOW.plus(Duration.ofSeconds(60)))).isEmpty();
    }
}

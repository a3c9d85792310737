package io.pushmon.gateway.accounts;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.pushmon.common.model.UserAccount;
import io.pushmon.common.model.UserAccount.Invitation;
import io.pushmon.common.model.UserAccount.PendingToken;
import io.pushmon.common.model.UserAccount.Purpose;
import io.pushmon.gateway.tenants.ApiKeys;

/**
 * The tokens mailed for verification, reset and invitations: 256 random bits, stored only as SHA-256 with an
 * expiry, and removed from the user's record when redeemed, so each works once.
 */
public final class SingleUseTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SingleUseTokens() {
    }

    public static String generate() {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        return "pmt_" + ENCODER.encodeToString(value);
    }

    public static String hash(String token) {
        return ApiKeys.sha256(token);
    }

    /**
     * The user with a new token for {@code purpose} in place of any earlier one (only the latest mail works) and
     * without expired tokens.
     */
    public static UserAccount issue(UserAccount user, Purpose purpose, String sha256, Instant expiresAt, Instant now) {
        List<PendingToken> tokens = new ArrayList<>();
        user.tokens().stream().filter(t -> t.purpose() != purpose && now.isBefore(t.expiresAt())).forEach(tokens::add);
        tokens.add(new PendingToken(sha256, purpose, expiresAt));
        return user.withTokens(tokens);
    }

    /** The user without the token, if it is theirs, for this purpose and not expired; empty otherwise. */
    public static Optional<UserAccount> redeem(UserAccount user, Purpose purpose, String sha256, Instant now) {
        boolean live = user.tokens().stream().anyMatch(t -> t.sha256().equals(sha256) && t.purpose() == purpose
                && now.isBefore(t.expiresAt()));
        return live ? Optional.of(user.withTokens(user.tokens().stream()
                .filter(t -> !t.sha256().equals(sha256) && now.isBefore(t.expiresAt())).toList())) : Optional.empty();
    }

    /** The user's live invitation with this token hash. */
    public static Optional<Invitation> invitation(UserAccount user, String sha256, Instant now) {
        return user.invitations().stream().filter(i -> i.sha256().equals(sha256) && now.isBefore(i.expiresAt()))
                .findFirst();
    }

    /**
     * The user with a new invitation in place of any earlier one to the same tenant, and without expired ones.
     */
    public static UserAccount invite(UserAccount user, Invitation invitation, Instant now) {
        List<Invitation> invitations = new ArrayList<>();
        user.invitations().stream().filter(i -> !i.tenantId().equals(invitation.tenantId())
                && now.isBefore(i.expiresAt())).forEach(invitations::add);
        invitations.add(invitation);
        return user.withInvitations(invitations);
    }
}

package io.pushmon.common.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A person who signs in; the value of the compacted {@code users} topic, keyed by {@link #id}. Secrets are
 * stored only as hashes: the password as an Argon2id string, single-use tokens as hex SHA-256.
 *
 * <p>An invited address without an account is a placeholder: no password, not verified, no memberships, only
 * its invitations. Accepting one with a password makes it an account.
 *
 * @param email        lower-cased; unique across users
 * @param passwordHash encoded password hash; null for a placeholder
 * @param verified     true once the owner of the address proved they read mail sent to it
 * @param memberships  tenants the user belongs to, each with one role
 * @param tokens       pending verification and reset tokens
 * @param invitations  pending invitations to tenants
 * @param sessionEpoch sessions carry the epoch they were issued in; bumping it ends all of them
 */
public record UserAccount(String id, String email, String passwordHash, boolean verified,
        List<Membership> memberships, List<PendingToken> tokens, List<Invitation> invitations, long sessionEpoch,
        Instant createdAt) {

    public UserAccount {
        memberships = memberships == null ? List.of() : List.copyOf(memberships);
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        invitations = invitations == null ? List.of() : List.copyOf(invitations);
    }

    /** True for an invited address nobody has set a password for yet. */
    public boolean placeholder() {
        return passwordHash == null;
    }

    public Optional<Role> roleIn(String tenantId) {
        return memberships.stream().filter(m -> m.tenantId().equals(tenantId)).map(Membership::role).findFirst();
    }

    public UserAccount withPasswordHash(String hash) {
        return new UserAccount(id, email, hash, verified, memberships, tokens, invitations, sessionEpoch, createdAt);
    }

    public UserAccount withVerified(boolean value) {
        return new UserAccount(id, email, passwordHash, value, memberships, tokens, invitations, sessionEpoch,
                createdAt);
    }

    public UserAccount withMemberships(List<Membership> value) {
        return new UserAccount(id, email, passwordHash, verified, value, tokens, invitations, sessionEpoch, createdAt);
    }

    public UserAccount withTokens(List<PendingToken> value) {
        return new UserAccount(id, email, passwordHash, verified, memberships, value, invitations, sessionEpoch,
                createdAt);
    }

    public UserAccount withInvitations(List<Invitation> value) {
        return new UserAccount(id, email, passwordHash, verified, memberships, tokens, value, sessionEpoch, createdAt);
    }

    public UserAccount withSessionEpoch(long value) {
        return new UserAccount(id, email, passwordHash, verified, memberships, tokens, invitations, value, createdAt);
    }

    @Override
    public String toString() {
        // Hashes of the password and of live tokens stay out of anything that may be logged.
        return "UserAccount[id=" + id + ", email=" + email + ", password=" + (placeholder() ? "none" : "set")
                + ", verified=" + verified + ", memberships=" + memberships + ", tokens=" + tokens.size()
                + ", invitations=" + invitations.size() + ", sessionEpoch=" + sessionEpoch + ", createdAt="
                + createdAt + "]";
    }

    /** One tenant the user belongs to. */
    public record Membership(String tenantId, Role role) {
    }

    /** What a single-use token mailed to the user is for. */
    public enum Purpose {
        VERIFY, RESET
    }

    /**
     * A single-use token mailed to the user.
     *
     * @param sha256 hex SHA-256 of the token; the token itself is only in the mail
     */
    public record PendingToken(String sha256, Purpose purpose, Instant expiresAt) {

        @Override
        public String toString() {
            return "PendingToken[purpose=" + purpose + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * An invitation to a tenant, mailed to the user with a single-use token.
     *
     * @param sha256    hex SHA-256 of the token
     * @param invitedBy the actor who invited ({@code user:usr_x} or {@code key:key_x})
     */
    public record Invitation(String sha256, String tenantId, Role role, String invitedBy, Instant expiresAt) {

        @Override
        public String toString() {
            return "Invitation[tenantId=" + tenantId + ", role=" + role + ", invitedBy=" + invitedBy + ", expiresAt="
                    + expiresAt + "]";
        }
    }
}

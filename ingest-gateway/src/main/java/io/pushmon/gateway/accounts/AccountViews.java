package io.pushmon.gateway.accounts;

import java.time.Instant;
import java.util.List;

import io.pushmon.common.model.UserAccount;
import io.pushmon.common.model.UserAccount.Membership;
import io.pushmon.gateway.directory.TenantDirectory;

/** What the account and member endpoints answer: never a hash or a token other than a new session's. */
public final class AccountViews {

    private AccountViews() {
    }

    /** An answer to a request whose effect is only a mail, if anything. */
    public record Accepted(String message) {
    }

    /**
     * A new session.
     *
     * @param session send as {@code Authorization: Bearer <session>}; browsers get it as a cookie too
     */
    public record SessionView(String session, String userId, Instant expiresAt) {

        @Override
        public String toString() {
            return "SessionView[userId=" + userId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** A tenant the user belongs to. */
    public record MembershipView(String tenantId, String tenantName, String role) {

        static MembershipView of(Membership membership, TenantDirectory tenants) {
            return new MembershipView(membership.tenantId(), tenants.find(membership.tenantId())
                    .map(t -> t.name()).orElse(null), Roles.name(membership.role()));
        }
    }

    /** The signed-in user. */
    public record MeView(String id, String email, boolean verified, Instant createdAt,
            List<MembershipView> memberships) {

        static MeView of(UserAccount user, TenantDirectory tenants) {
            return new MeView(user.id(), user.email(), user.verified(), user.createdAt(),
                    user.memberships().stream().map(m -> MembershipView.of(m, tenants)).toList());
        }
    }

    /** A member of the caller's tenant. */
    public record MemberView(String userId, String email, String role, boolean verified) {

        static MemberView of(UserAccount user, String tenantId) {
            return new MemberView(user.id(), user.email(), Roles.name(user.roleIn(tenantId).orElseThrow()),
                    user.verified());
        }
    }

    /** A pending invitation to the caller's tenant. */
    public record InvitationView(String email, String role, String invitedBy, Instant expiresAt) {

        static InvitationView of(String email, UserAccount.Invitation invitation) {
            return new InvitationView(email, Roles.name(invitation.role()), invitation.invitedBy(),
                    invitation.expiresAt());
        }
    }
}

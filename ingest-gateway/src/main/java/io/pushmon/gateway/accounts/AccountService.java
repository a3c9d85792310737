package io.pushmon.gateway.accounts;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import io.pushmon.common.model.Role;
import io.pushmon.common.model.TenantDefinition;
import io.pushmon.common.model.UserAccount;
import io.pushmon.common.model.UserAccount.Invitation;
import io.pushmon.common.model.UserAccount.Membership;
import io.pushmon.common.model.UserAccount.Purpose;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.directory.TenantDirectory;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.tenants.TenantService;

/**
 * Sign-up, verification, sign-in, password reset, invitations and memberships. A user is one record, so every
 * change is a read-modify-write of it; this gateway serialises them (two gateways changing one user in the same
 * moment can still lose one change, as for tenants). Passwords are hashed outside that lock: hashing is the slow
 * part.
 */
@ApplicationScoped
public class AccountService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int MAX_TENANT_NAME = 100;

    private final UserDirectory users;
    private final TenantService tenantService;
    private final TenantDirectory tenants;
    private final AccountMail mail;
    private final AccountSessions sessions;
    private final AccountClock clock;
    private final GatewayConfig.Accounts config;
    private final PasswordHasher hasher = new PasswordHasher(Math.max(2, Runtime.getRuntime().availableProcessors()));

    @Inject
    public AccountService(UserDirectory users, TenantService tenantService, TenantDirectory tenants, AccountMail mail,
            AccountSessions sessions, AccountClock clock, GatewayConfig config) {
        this.users = users;
        this.tenantService = tenantService;
        this.tenants = tenants;
        this.mail = mail;
        this.sessions = sessions;
        this.clock = clock;
        this.config = config.accounts();
    }

    /**
     * A new unverified account owning a new tenant, and the verification mail. An address that already has an
     * account gets a note instead, and the caller cannot tell the difference.
     */
    public void signUp(String email, String password, String tenantName) {
        String address = Emails.normalize(email);
        PasswordRules.check(password);
        String name = tenantName == null || tenantName.isBlank() ? address : tenantName.trim();
        if (name.length() > MAX_TENANT_NAME) {
            throw ApiException.badRequest("tenantName must be at most " + MAX_TENANT_NAME + " characters");
        }
        String hash = hasher.hash(password);
        String token = SingleUseTokens.generate();
        synchronized (this) {
            Optional<UserAccount> existing = users.findByEmail(address);
            if (existing.isPresent() && !existing.get().placeholder()) {
                mail.alreadyRegistered(address);
                return;
            }
            TenantDefinition tenant = tenantService.createTenant(name);
            UserAccount user = existing.orElseGet(() -> newUser(address));
            List<Membership> memberships = new ArrayList<>(user.memberships());
            memberships.add(new Membership(tenant.id(), Role.OWNER));
            users.write(SingleUseTokens.issue(user.withPasswordHash(hash).withMemberships(memberships),
                    Purpose.VERIFY, SingleUseTokens.hash(token), clock.now().plus(config.verifyTokenLifetime()),
                    clock.now()));
        }
        mail.verification(address, token);
    }

    /** @throws ApiException 400 for a token that is unknown, used or expired */
    public synchronized void verify(String token) {
        UserAccount user = redeem(token, Purpose.VERIFY);
        users.write(user.withVerified(true));
    }

    /**
     * A new session for the right address and password of a verified account.
     *
     * @throws ApiException 401 for a wrong address or password (the same answer for both), 403 for an account
     *                      whose address is not verified yet
     */
    public String signIn(String email, String password) {
        String address = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        String typed = password == null ? "" : password;
        Optional<UserAccount> user = users.findByEmail(address).filter(u -> !u.placeholder());
        boolean matches = user.isPresent() ? hasher.verify(typed, user.get().passwordHash())
                : hasher.verifyNothing(typed);
        if (!matches) {
            throw new ApiException(Status.UNAUTHORIZED, "the email address or the password is wrong");
        }
        if (!user.get().verified()) {
            throw ApiException.forbidden("this email address is not verified yet: open the link in the sign-up mail "
                    + "(a password reset sends a new link and verifies it too)");
        }
        return sessions.issue(user.get());
    }

    /** Ends every session of the user, on every gateway. */
    public synchronized void endAllSessions(String userId) {
        users.find(userId).ifPresent(user -> users.write(user.withSessionEpoch(user.sessionEpoch() + 1)));
    }

    /** Mails a reset link if the address has an account; silently does nothing otherwise. */
    public void requestReset(String email) {
        String address = Emails.normalize(email);
        String token = SingleUseTokens.generate();
        synchronized (this) {
            Optional<UserAccount> user = users.findByEmail(address).filter(u -> !u.placeholder());
            if (user.isEmpty()) {
                return;
            }
            users.write(SingleUseTokens.issue(user.get(), Purpose.RESET, SingleUseTokens.hash(token),
                    clock.now().plus(config.resetTokenLifetime()), clock.now()));
        }
        mail.reset(address, token);
    }

    /**
     * Sets a new password and ends every session. It verifies the address too: the link came by mail to it.
     *
     * @throws ApiException 400 for a bad password or a token that is unknown, used or expired
     */
    public void confirmReset(String token, String password) {
        PasswordRules.check(password);
        String hash = hasher.hash(password);
        synchronized (this) {
            UserAccount user = redeem(token, Purpose.RESET);
            users.write(user.withPasswordHash(hash).withVerified(true).withSessionEpoch(user.sessionEpoch() + 1));
        }
    }

    /**
     * Invites an address to the tenant, by mail. An address without an account gets a placeholder user holding
     * the invitation.
     *
     * @param inviterRole what the inviter may grant: only an owner grants {@code OWNER}
     * @param inviter     the actor, recorded with the invitation
     * @param inviterName how the mail names the inviter
     */
    public Invitation invite(String tenantId, Role inviterRole, String inviter, String inviterName, String email,
            Role role) {
        String address = Emails.normalize(email);
        if (role == null) {
            throw ApiException.badRequest("role is required: one of " + Roles.NAMES);
        }
        requireMayGrant(inviterRole, role);
        TenantDefinition tenant = tenants.find(tenantId).orElseThrow(() -> ApiException.notFound("no such tenant"));
        String token = SingleUseTokens.generate();
        Invitation invitation = new Invitation(SingleUseTokens.hash(token), tenantId, role, inviter,
                clock.now().plus(config.inviteTokenLifetime()));
        synchronized (this) {
            UserAccount user = users.findByEmail(address).orElseGet(() -> newUser(address));
            if (user.roleIn(tenantId).isPresent()) {
                throw ApiException.conflict("this address is already a member of the tenant");
            }
            users.write(SingleUseTokens.invite(user, invitation, clock.now()));
        }
        mail.invitation(address, tenant.name(), role, inviterName, token);
        return invitation;
    }

    /**
     * Accepts an invitation: as the signed-in invitee, or, for an address without an account, with a password
     * that makes the account (verified: the invitation reached the address).
     *
     * @param signedIn the request's signed-in user, if any
     * @param password the new account's password, for a placeholder
     * @return the new membership
     */
    public Membership acceptInvitation(String token, Optional<UserAccount> signedIn, String password) {
        if (password != null) {
            PasswordRules.check(password);
        }
        String hash = password == null || signedIn.isPresent() ? null : hasher.hash(password);
        String sha256 = SingleUseTokens.hash(token == null ? "" : token);
        synchronized (this) {
            UserAccount invitee = users.findByTokenHash(sha256).orElseThrow(AccountService::badToken);
            Invitation invitation = SingleUseTokens.invitation(invitee, sha256, clock.now())
                    .orElseThrow(AccountService::badToken);
            if (tenants.find(invitation.tenantId()).isEmpty()) {
                throw badToken();
            }
            UserAccount accepted = invitee;
            if (signedIn.isPresent()) {
                if (!signedIn.get().id().equals(invitee.id())) {
                    throw ApiException.forbidden("this invitation was sent to another email address");
                }
            } else if (invitee.placeholder()) {
                if (hash == null) {
                    throw ApiException.badRequest("password is required to create the account");
                }
                accepted = invitee.withPasswordHash(hash);
            } else {
                throw new ApiException(Status.UNAUTHORIZED, "sign in to accept this invitation");
            }
            Membership membership = new Membership(invitation.tenantId(), invitation.role());
            List<Membership> memberships = new ArrayList<>(accepted.memberships());
            memberships.add(membership);
            users.write(accepted.withMemberships(memberships).withVerified(true).withInvitations(
                    accepted.invitations().stream().filter(i -> !i.sha256().equals(sha256)
                            && clock.now().isBefore(i.expiresAt())).toList()));
            return membership;
        }
    }

    /** Members of the tenant, by email address. */
    public List<UserAccount> members(String tenantId) {
        return users.all().stream().filter(user -> user.roleIn(tenantId).isPresent())
                .sorted((a, b) -> a.email().compareTo(b.email())).toList();
    }

    /** Live invitations to the tenant with the address each was sent to. */
    public List<Invited> invitations(String tenantId) {
        return users.all().stream().flatMap(user -> user.invitations().stream()
                .filter(i -> i.tenantId().equals(tenantId) && clock.now().isBefore(i.expiresAt()))
                .map(i -> new Invited(user.email(), i))).sorted((a, b) -> a.email().compareTo(b.email())).toList();
    }

    /** An invitation and the address it went to. */
    public record Invited(String email, Invitation invitation) {
    }

    /**
     * Gives a member another role.
     *
     * @throws ApiException 404 for a user who is not a member, 403 when a non-owner touches the owner role, 409
     *                      when the tenant would lose its last owner
     */
    public synchronized UserAccount changeRole(String tenantId, Role callerRole, String userId, Role role) {
        if (role == null) {
            throw ApiException.badRequest("role is required: one of " + Roles.NAMES);
        }
        UserAccount user = requireMember(tenantId, userId);
        Role current = user.roleIn(tenantId).orElseThrow();
        requireMayGrant(callerRole, current);
        requireMayGrant(callerRole, role);
        if (current == Role.OWNER && role != Role.OWNER) {
            requireAnotherOwner(tenantId);
        }
        UserAccount changed = user.withMemberships(user.memberships().stream()
                .map(m -> m.tenantId().equals(tenantId) ? new Membership(tenantId, role) : m).toList());
        users.write(changed);
        return changed;
    }

    /** Removes a member from the tenant; the same rules as {@link #changeRole}. */
    public synchronized void removeMember(String tenantId, Role callerRole, String userId) {
        UserAccount user = requireMember(tenantId, userId);
        Role current = user.roleIn(tenantId).orElseThrow();
        requireMayGrant(callerRole, current);
        if (current == Role.OWNER) {
            requireAnotherOwner(tenantId);
        }
        users.write(user.withMemberships(user.memberships().stream()
                .filter(m -> !m.tenantId().equals(tenantId)).toList()));
    }

    /**
     * Removes every membership of the tenant and every invitation to it from every user, for when the tenant is
     * deleted. Users of other tenants too keep their accounts; a user left with no tenant and no invitation is
     * deleted.
     *
     * @return how many users changed or were deleted
     */
    public synchronized int removeTenant(String tenantId) {
        int changed = 0;
        for (UserAccount user : users.all()) {
            boolean member = user.roleIn(tenantId).isPresent();
            boolean invited = user.invitations().stream().anyMatch(i -> i.tenantId().equals(tenantId));
            if (member || invited) {
                UserAccount rest = user.withMemberships(user.memberships().stream()
                        .filter(m -> !m.tenantId().equals(tenantId)).toList())
                        .withInvitations(user.invitations().stream()
                                .filter(i -> !i.tenantId().equals(tenantId)).toList());
                // A person who belonged to this tenant alone leaves with it: nothing else of theirs is kept.
                boolean orphaned = rest.memberships().isEmpty() && rest.invitations().isEmpty();
                if (orphaned) {
                    users.delete(user.id());
                } else {
                    users.write(rest);
                }
                changed++;
            }
        }
        return changed;
    }


    private UserAccount requireMember(String tenantId, String userId) {
        return users.find(userId).filter(user -> user.roleIn(tenantId).isPresent())
                .orElseThrow(() -> ApiException.notFound("no member with this id"));
    }

    private static void requireMayGrant(Role callerRole, Role role) {
        if (role == Role.OWNER && callerRole != Role.OWNER) {
            throw ApiException.forbidden("only an owner can grant, change or remove the owner role");
        }
    }

    private void requireAnotherOwner(String tenantId) {
        long owners = members(tenantId).stream().filter(u -> u.roleIn(tenantId).orElseThrow() == Role.OWNER).count();
        if (owners <= 1) {
            throw ApiException.conflict("a tenant keeps at least one owner: make another member owner first");
        }
    }

    private UserAccount redeem(String token, Purpose purpose) {
        String sha256 = SingleUseTokens.hash(token == null ? "" : token);
        return users.findByTokenHash(sha256)
                .flatMap(user -> SingleUseTokens.redeem(user, purpose, sha256, clock.now()))
                .orElseThrow(AccountService::badToken);
    }

    private static ApiException badToken() {
        return ApiException.badRequest("the token is not valid: it is unknown, was used already or has expired");
    }

    private UserAccount newUser(String email) {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return new UserAccount("usr_" + ENCODER.encodeToString(id), email, null, false, List.of(), List.of(),
                List.of(), 0, clock.now());
    }
}

package io.pushmon.gateway.accounts;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.pushmon.common.model.Role;
import io.pushmon.common.model.UserAccount;
import io.pushmon.gateway.accounts.AccountViews.InvitationView;
import io.pushmon.gateway.accounts.AccountViews.MemberView;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.tenants.CallerTenant;
import io.pushmon.gateway.tenants.RequiresRole;
import io.smallrye.common.annotation.Blocking;

/** {@code /api/members}: the people of the caller's tenant, their roles, and invitations. */
@Path("/api/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "members", description = "Members of the caller's tenant and invitations")
@SecurityRequirement(name = "apiKey")
@Blocking
public class MemberResource {

    /** Body of {@code POST /api/members}: whom to invite, as what. */
    public record InviteRequest(String email, String role) {
    }

    /** Body of {@code PATCH /api/members/{userId}}. */
    public record RoleRequest(String role) {
    }

    @Inject
    AccountService accounts;

    @Inject
    CallerTenant caller;

    @Inject
    UserDirectory users;

    @GET
    @Operation(summary = "List the members")
    public List<MemberView> list() {
        return accounts.members(caller.tenantId()).stream().map(u -> MemberView.of(u, caller.tenantId())).toList();
    }

    @GET
    @Path("/invitations")
    @Operation(summary = "List the pending invitations")
    public List<InvitationView> invitations() {
        return accounts.invitations(caller.tenantId()).stream()
                .map(i -> InvitationView.of(i.email(), i.invitation())).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @RequiresRole(Role.ADMIN)
    @Operation(summary = "Invite someone by email", description = "Mails a link to accept; only an owner can "
            + "invite an owner. A new invitation to the same address replaces the previous one.")
    public InvitationView invite(InviteRequest request) {
        if (request == null) {
            throw ApiException.badRequest("a JSON body is required: {\"email\": ..., \"role\": ...}");
        }
        UserAccount.Invitation invitation = accounts.invite(caller.tenantId(), caller.role(), caller.actor(),
                inviterName(), request.email(), Roles.parse(request.role()));
        return InvitationView.of(Emails.normalize(request.email()), invitation);
    }

    @PATCH
    @Path("/{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    @Operation(summary = "Change a member's role", description = "Only an owner grants or takes the owner role; "
            + "a tenant keeps at least one owner.")
    public MemberView changeRole(@PathParam("userId") String userId, RoleRequest request) {
        if (request == null) {
            throw ApiException.badRequest("a JSON body is required: {\"role\": ...}");
        }
        return MemberView.of(accounts.changeRole(caller.tenantId(), caller.role(), userId,
                Roles.parse(request.role())), caller.tenantId());
    }

    @DELETE
    @Path("/{userId}")
    @ResponseStatus(204)
    @RequiresRole(Role.ADMIN)
    @Operation(summary = "Remove a member", description = "Their sessions stop working in this tenant at once.")
    public void remove(@PathParam("userId") String userId) {
        accounts.removeMember(caller.tenantId(), caller.role(), userId);
    }

    /** How the invitation mail names the inviter: their address, or that an API key sent it. */
    private String inviterName() {
        String userId = caller.userId();
        return userId == null ? "an API key of the tenant"
                : users.find(userId).map(u -> u.email()).orElse("a member of the tenant");
    }
}

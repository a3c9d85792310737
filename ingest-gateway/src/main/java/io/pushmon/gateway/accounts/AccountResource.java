package io.pushmon.gateway.accounts;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.pushmon.common.model.UserAccount;
import io.pushmon.gateway.accounts.AccountThrottle.Kind;
import io.pushmon.gateway.accounts.AccountViews.Accepted;
import io.pushmon.gateway.accounts.AccountViews.MeView;
import io.pushmon.gateway.accounts.AccountViews.MembershipView;
import io.pushmon.gateway.accounts.AccountViews.SessionView;
import io.pushmon.gateway.directory.TenantDirectory;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.tenants.PublicEndpoint;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /api/accounts}: sign-up, verification, sign-in and out, password reset, the signed-in user and
 * accepting invitations. Public for the API key filter: these endpoints take no tenant, and check the session
 * themselves where they need one. Blocking: password hashing takes tens of milliseconds.
 */
@Path("/api/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "accounts", description = "User accounts and sessions")
@PublicEndpoint
@Blocking
public class AccountResource {

    private static final Accepted MAILED = new Accepted(
            "if the address can receive mail, a message with the next step is on its way");

    /** Body of {@code POST /api/accounts/signup}; {@code tenantName} defaults to the email address. */
    public record SignUpRequest(String email, String password, String tenantName) {

        @Override
        public String toString() {
            return "SignUpRequest[email=" + email + "]";
        }
    }

    /** Body of {@code POST /api/accounts/signin}. */
    public record SignInRequest(String email, String password) {

        @Override
        public String toString() {
            return "SignInRequest[email=" + email + "]";
        }
    }

    /** Body of {@code POST /api/accounts/verify}. */
    public record TokenRequest(String token) {

        @Override
        public String toString() {
            return "TokenRequest";
        }
    }

    /** Body of {@code POST /api/accounts/password-reset}. */
    public record ResetRequest(String email) {
    }

    /**
     * Body of {@code POST /api/accounts/password-reset/confirm} and of {@code POST
     * /api/accounts/invitations/accept} (where the password is only for an address without an account).
     */
    public record TokenPasswordRequest(String token, String password) {

        @Override
        public String toString() {
            return "TokenPasswordRequest";
        }
    }

    @Inject
    AccountService accounts;

    @Inject
    AccountSessions sessions;

    @Inject
    AccountThrottle throttle;

    @Inject
    TenantDirectory tenants;

    @Context
    HttpHeaders headers;

    @POST
    @Path("/signup")
    @ResponseStatus(202)
    @Operation(summary = "Sign up", description = "Makes an unverified account owning a new tenant and mails a "
            + "verification link. The same answer whether or not the address already has an account.")
    @APIResponse(responseCode = "429", description = "Too many sign-ups from this address or for this email")
    public Accepted signUp(SignUpRequest request, @Context HttpServerRequest http) {
        SignUpRequest body = require(request);
        throttle.attempt(Kind.SIGN_UP, body.email(), throttle.clientAddress(http));
        accounts.signUp(body.email(), body.password(), body.tenantName());
        return MAILED;
    }

    @POST
    @Path("/verify")
    @ResponseStatus(204)
    @Operation(summary = "Verify the email address with the token from the sign-up mail")
    public void verify(TokenRequest request) {
        accounts.verify(require(request).token());
    }

    @POST
    @Path("/signin")
    @Operation(summary = "Sign in", description = "Answers a session, also set as the HttpOnly cookie "
            + AccountSessions.COOKIE + ".")
    @APIResponse(responseCode = "401", description = "Wrong email address or password")
    @APIResponse(responseCode = "403", description = "The address is not verified yet")
    @APIResponse(responseCode = "429", description = "Too many attempts")
    public Response signIn(SignInRequest request, @Context HttpServerRequest http) {
        SignInRequest body = require(request);
        throttle.attempt(Kind.SIGN_IN, body.email(), throttle.clientAddress(http));
        String session = accounts.signIn(body.email(), body.password());
        SessionTokens.Session issued = sessions.describe(session);
        return Response.ok(new SessionView(session, issued.userId(), issued.expiresAt()))
                .cookie(sessions.cookie(session)).build();
    }

    @POST
    @Path("/signout")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    @Operation(summary = "Sign out", description = "Drops the cookie; with everywhere=true every session of the "
            + "user ends, on every gateway.")
    public Response signOut(@QueryParam("everywhere") boolean everywhere) {
        UserAccount user = signedIn().orElseThrow(AccountResource::notSignedIn);
        if (everywhere) {
            accounts.endAllSessions(user.id());
        }
        return Response.noContent().cookie(sessions.expiredCookie()).build();
    }

    @POST
    @Path("/password-reset")
    @ResponseStatus(202)
    @Operation(summary = "Ask for a password reset link", description = "The same answer whether or not the "
            + "address has an account.")
    @APIResponse(responseCode = "429", description = "Too many requests")
    public Accepted requestReset(ResetRequest request, @Context HttpServerRequest http) {
        ResetRequest body = require(request);
        throttle.attempt(Kind.RESET, body.email(), throttle.clientAddress(http));
        accounts.requestReset(body.email());
        return MAILED;
    }

    @POST
    @Path("/password-reset/confirm")
    @Operation(summary = "Set a new password with the token from the reset mail", description = "Ends every "
            + "session of the user.")
    public Response confirmReset(TokenPasswordRequest request) {
        TokenPasswordRequest body = require(request);
        accounts.confirmReset(body.token(), body.password());
        return Response.noContent().cookie(sessions.expiredCookie()).build();
    }

    @GET
    @Path("/me")
    @Operation(summary = "The signed-in user and their tenants")
    @APIResponse(responseCode = "401", description = "No valid session")
    public MeView me() {
        return MeView.of(signedIn().orElseThrow(AccountResource::notSignedIn), tenants);
    }

    @POST
    @Path("/invitations/accept")
    @Operation(summary = "Accept an invitation", description = "Signed in as the invitee, or, for an address "
            + "without an account, with a password: that makes the account, verified.")
    public MembershipView acceptInvitation(TokenPasswordRequest request) {
        TokenPasswordRequest body = require(request);
        return MembershipView.of(accounts.acceptInvitation(body.token(), signedIn(), body.password()), tenants);
    }

    private Optional<UserAccount> signedIn() {
        String credential = AccountSessions.credential(headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                headers.getCookies());
        if (credential == null) {
            return Optional.empty();
        }
        return Optional.of(sessions.requireUser(credential));
    }

    private static <T> T require(T body) {
        if (body == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        return body;
    }

    private static ApiException notSignedIn() {
        return new ApiException(Status.UNAUTHORIZED, "sign in first: no session in this request");
    }
}

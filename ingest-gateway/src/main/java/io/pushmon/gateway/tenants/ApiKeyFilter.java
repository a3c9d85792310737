package io.pushmon.gateway.tenants;

import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.pushmon.common.model.Role;
import io.pushmon.common.model.TenantDefinition;
import io.pushmon.gateway.accounts.AccountSessions;
import io.pushmon.gateway.accounts.Roles;
import io.pushmon.gateway.directory.TenantDirectory;
import io.pushmon.gateway.errors.ApiError;
import io.pushmon.gateway.errors.ApiException;

/**
 * Resolves {@code Authorization: Bearer <api key>}, or a user's session ({@code Bearer pms_...} or the session
 * cookie), to a tenant and a role for every resource under {@code /api} that is not a {@link PublicEndpoint}, and
 * refuses callers whose role is below what the resource needs ({@link RequiresRole}). Runs after matching, so the
 * decision rests on the resource that will actually run, not on how the path happens to be spelled.
 */
public class ApiKeyFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    TenantDirectory tenants;

    @Inject
    AccountSessions sessions;

    @Inject
    CallerTenant caller;

    /** True for the methods that only read: what a read-only caller may use, and what the audit log skips. */
    public static boolean isRead(String method) {
        return READS.contains(method);
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceClass() == null || resource.getResourceClass().isAnnotationPresent(PublicEndpoint.class)
                || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String session = AccountSessions.credential(header, request.getCookies());
        if (session != null) {
            try {
                AccountSessions.SignedIn user = sessions.resolve(session,
                        request.getHeaderString(AccountSessions.TENANT_HEADER));
                caller.authenticateUser(user.tenantId(), user.user().id(), user.role());
            } catch (ApiException e) {
                return Optional.of(e.status() == Response.Status.UNAUTHORIZED ? unauthorized(e.getMessage())
                        : answer(e.status(), e.getMessage()));
            }
            return authorize(request, resource, "a read-only member can only read");
        }
        String apiKey = BearerToken.of(header);
        if (apiKey == null) {
            return Optional.of(unauthorized("an API key or a session is required: Authorization: Bearer <api key>"));
        }
        String hash = ApiKeys.sha256(apiKey);
        Optional<TenantDefinition.ApiKey> key = tenants.findByKeyHash(hash)
                .flatMap(t -> t.apiKeys().stream().filter(k -> k.sha256().equals(hash)).findFirst()
                        .map(k -> {
                            caller.authenticate(t.id(), k.id(), k.readOnly());
                            return k;
                        }));
        if (key.isEmpty()) {
            return Optional.of(unauthorized("the API key is not valid"));
        }
        return authorize(request, resource, "this API key is read-only");
    }

    /**
     * The one place roles are enforced: the resource's {@link RequiresRole}, else read or write by method; and a
     * suspended tenant's callers, whatever their role, only read.
     */
    private Optional<Response> authorize(ContainerRequestContext request, ResourceInfo resource,
            String readOnlyMessage) {
        boolean read = isRead(request.getMethod());
        Role required = required(resource, read);
        if (caller.role().atLeast(required)) {
            if (!read && tenants.find(caller.tenantId()).map(TenantDefinition::suspended).orElse(false)) {
                return Optional.of(answer(Response.Status.FORBIDDEN,
                        "this account is suspended: it can read its data but change nothing"));
            }
            return Optional.empty();
        }
        String message = caller.role() == Role.READ_ONLY && !read ? readOnlyMessage
                : "this needs the role " + Roles.name(required) + " or higher";
        return Optional.of(answer(Response.Status.FORBIDDEN, message));
    }

    private static Role required(ResourceInfo resource, boolean read) {
        RequiresRole annotation = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RequiresRole.class);
        if (annotation == null) {
            annotation = resource.getResourceClass().getAnnotation(RequiresRole.class);
        }
        if (annotation != null) {
            return annotation.value();
        }
        return read ? Role.READ_ONLY : Role.MEMBER;
    }

    private static Response answer(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(message)).build();
    }

    private static Response unauthorized(String message) {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pushmon\"")
                .entity(ApiError.of(message)).build();
    }
}

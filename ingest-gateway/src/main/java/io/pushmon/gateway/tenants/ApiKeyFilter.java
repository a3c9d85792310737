package io.pushmon.gateway.tenants;

import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.pushmon.common.model.TenantDefinition;
import io.pushmon.gateway.directory.TenantDirectory;
import io.pushmon.gateway.errors.ApiError;

/**
 * Resolves {@code Authorization: Bearer <api key>} to a tenant for every resource under {@code /api} that
 * is not a {@link PublicEndpoint}. Runs after matching, so the decision rests on the resource that will
 * actually run, not on how the path happens to be spelled.
 */
public class ApiKeyFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String BEARER = "bearer ";

    @Inject
    TenantDirectory tenants;

    @Inject
    CallerTenant caller;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource.getResourceClass() == null || resource.getResourceClass().isAnnotationPresent(PublicEndpoint.class)
                || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(unauthorized("an API key is required: Authorization: Bearer <api key>"));
        }
        String hash = ApiKeys.sha256(header.substring(BEARER.length()).trim());
        Optional<TenantDefinition> tenant = tenants.findByKeyHash(hash);
        Optional<TenantDefinition.ApiKey> key = tenant
                .flatMap(t -> t.apiKeys().stream().filter(k -> k.sha256().equals(hash)).findFirst()
                        .map(k -> {
                            caller.authenticate(t.id(), k.id(), k.readOnly());
                            return k;
                        }));
        if (key.isEmpty()) {
            return Optional.of(unauthorized("the API key is not valid"));
        }
        boolean write = !READS.contains(request.getMethod());
        if (write && key.get().readOnly()) {
            return Optional.of(forbidden("this API key is read-only"));
        }
        if (write && tenant.get().suspended()) {
            return Optional.of(forbidden("this account is suspended: it can read its data but change nothing"));
        }
        return Optional.empty();
    }

    private static Response forbidden(String message) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(message)).build();
    }

    private static Response unauthorized(String message) {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pushmon\"")
                .entity(ApiError.of(message)).build();
    }
}

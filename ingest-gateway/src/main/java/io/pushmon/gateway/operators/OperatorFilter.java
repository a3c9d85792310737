package io.pushmon.gateway.operators;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.errors.ApiError;
import io.pushmon.gateway.tenants.ApiKeys;
import io.pushmon.gateway.tenants.BearerToken;

/**
 * Lets only the operator key reach {@link OperatorEndpoint}s. Without a configured key the operator API does not
 * exist (404), so a gateway that never set one offers nothing to guess at. Keys are compared as SHA-256 digests in
 * constant time.
 */
public class OperatorFilter {

    private final byte[] keyDigest;

    @Inject
    public OperatorFilter(GatewayConfig config) {
        this.keyDigest = config.tenancy().operatorKey().map(String::trim).filter(key -> !key.isEmpty())
                .map(OperatorFilter::digest).orElse(null);
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource.getResourceClass() == null || !resource.getResourceClass().isAnnotationPresent(
                OperatorEndpoint.class)) {
            return Optional.empty();
        }
        if (keyDigest == null) {
            return Optional.of(answer(Response.Status.NOT_FOUND, "not found"));
        }
        String key = BearerToken.of(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (key == null || !MessageDigest.isEqual(keyDigest, digest(key))) {
            return Optional.of(Response.fromResponse(answer(Response.Status.UNAUTHORIZED,
                    "the operator key is required: Authorization: Bearer <operator key>"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pushmon-operator\"").build());
        }
        return Optional.empty();
    }

    private static byte[] digest(String key) {
        return HexFormat.of().parseHex(ApiKeys.sha256(key));
    }

    private static Response answer(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(message)).build();
    }
}

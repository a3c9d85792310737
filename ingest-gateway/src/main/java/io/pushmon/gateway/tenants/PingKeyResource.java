package io.pushmon.gateway.tenants;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pushmon.common.model.Role;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.errors.ApiException;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code /api/ping-key}: the caller's tenant's ping key, the credential of its slug ping URLs
 * {@code /ping/{pingKey}/{slug}}. It writes heartbeats for every monitor of the tenant (and creates monitors with
 * {@code ?create=1}), so only admins and owners (and read-write keys) may see it.
 */
@Path("/api/ping-key")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "keys")
@SecurityRequirement(name = "apiKey")
@RequiresRole(Role.ADMIN)
@Blocking
public class PingKeyResource {

    /**
     * The tenant's ping key and where its slug URLs start.
     *
     * @param pingKey the key
     * @param pingUrl {@code /ping/{pingKey}}, to which {@code /{slug}[/start|/fail|/log|/N]} is appended
     */
    public record PingKeyView(String pingKey, String pingUrl) {
    }

    /**
     * The body of {@code POST /api/ping-key}.
     *
     * @param pingKey a key to keep, such as a Healthchecks project's; generated when absent
     */
    public record PingKeyRequest(String pingKey) {
    }

    @Inject
    TenantService tenants;

    @Inject
    CallerTenant caller;

    @Inject
    GatewayConfig config;

    @GET
    @Operation(summary = "The ping key", description = "404 until one is made with POST.")
    @APIResponse(responseCode = "403", description = "Below admin (a read-only key): the ping key writes heartbeats")
    public PingKeyView get() {
        return tenants.pingKey(caller.tenantId()).map(this::view)
                .orElseThrow(() -> ApiException.notFound("this tenant has no ping key yet; POST /api/ping-key makes one"));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Make or replace the ping key", description = "Slug URLs with the previous key answer 404 at "
            + "once. A body {\"pingKey\": \"...\"} keeps a given key of 22 URL-safe characters, such as a Healthchecks "
            + "project's ping key, so its slug URLs move with only the host changed.")
    @APIResponse(responseCode = "409", description = "Another tenant has this ping key")
    public PingKeyView rotate(PingKeyRequest request) {
        return view(tenants.rotatePingKey(caller.tenantId(), request == null ? null : request.pingKey()));
    }

    private PingKeyView view(String key) {
        return new PingKeyView(key, GatewayConfig.base(config.publicUrl()) + "/ping/" + key);
    }
}

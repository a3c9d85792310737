package io.pushmon.gateway.tenants;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import io.smallrye.common.annotation.Blocking;

/** {@code /api/keys}: the caller's tenant's API keys. */
@Path("/api/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "keys", description = "API keys of the caller's tenant")
@SecurityRequirement(name = "apiKey")
@Blocking
public class KeyResource {

    @Inject
    TenantService tenants;

    @Inject
    CallerTenant caller;

    /**
     * The body of {@code POST /api/keys}.
     *
     * @param readOnly true for a key that can only read (and does not see push tokens)
     */
    public record KeyRequest(Boolean readOnly) {
    }

    /**
     * A key as listed: never the key itself.
     *
     * @param current true for the key this request was made with
     */
    public record KeyView(String id, boolean readOnly, Instant createdAt, boolean current) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @RequiresRole(Role.ADMIN)
    @Operation(summary = "Create an API key", description = "The key is in this answer only; it is stored hashed.")
    public NewApiKey create(KeyRequest request) {
        return tenants.createKey(caller.tenantId(), request != null && Boolean.TRUE.equals(request.readOnly()));
    }

    @GET
    @Operation(summary = "List API keys (ids only)")
    public List<KeyView> list() {
        return tenants.keys(caller.tenantId()).stream()
                .map(k -> new KeyView(k.id(), k.readOnly(), k.createdAt(), k.id().equals(caller.keyId()))).toList();
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @RequiresRole(Role.ADMIN)
    @Operation(summary = "Revoke an API key", description = "Effective at once on this gateway.")
    public void delete(@PathParam("id") String id) {
        tenants.deleteKey(caller.tenantId(), id);
    }
}

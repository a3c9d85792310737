package io.pushmon.gateway.audit;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pushmon.common.model.AuditEntry;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.tenants.CallerTenant;

/** {@code /api/audit}: the caller's tenant's management changes, newest first. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "Who changed what, when, from where")
@SecurityRequirement(name = "apiKey")
public class AuditResource {

    @Inject
    AuditLog log;

    @Inject
    CallerTenant caller;

    @GET
    @Operation(summary = "The tenant's audit log", description = "Every successful change through the management "
            + "or operator API: actor (key:<id>, user:<id> or operator), action (method and path), the object's id, "
            + "status and client address. Newest first; a gateway shows the newest " + AuditLog.KEPT + ".")
    public List<AuditEntry> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > AuditLog.KEPT) {
            throw ApiException.badRequest("limit must be between 1 and " + AuditLog.KEPT);
        }
        return log.newest(caller.tenantId(), limit);
    }
}

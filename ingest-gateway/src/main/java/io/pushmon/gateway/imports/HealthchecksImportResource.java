package io.pushmon.gateway.imports;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.tenants.CallerTenant;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /api/monitors/import/healthchecks}: a Healthchecks check list, exactly as its Management API
 * answers {@code GET /api/v3/checks/}, becomes the caller's tenant's monitors. The body is bounded by the gateway's
 * {@code quarkus.http.limits.max-body-size} (413 above it) and by {@link HealthchecksCheck#MAX_CHECKS}.
 */
@Path("/api/monitors/import/healthchecks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitors")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No valid API key")
@APIResponse(responseCode = "403", description = "A read-only key tried to change something")
@Blocking
public class HealthchecksImportResource {

    @Inject
    HealthchecksImporter importer;

    @Inject
    CallerTenant caller;

    @Inject
    GatewayConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import Healthchecks checks", description = "Body: the answer of Healthchecks' "
            + "GET /api/v3/checks/ (listed with a read-write key, which gives each check's ping_url), at most "
            + HealthchecksCheck.MAX_CHECKS + " checks. Each check becomes a monitor that keeps its UUID as push "
            + "token, schedule, grace and paused state; checks whose UUID is already a push token of the tenant "
            + "are skipped as already imported, so the import can be run again. The answer lists every check: "
            + "created (monitor id, push path, settings that did not carry over in 'ignored'), skipped with a "
            + "reason, or failed.")
    @APIResponse(responseCode = "200", description = "Every check was created or skipped")
    @APIResponse(responseCode = "400", description = "Not a Healthchecks check list, or more than "
            + HealthchecksCheck.MAX_CHECKS + " checks; nothing was created")
    @APIResponse(responseCode = "413", description = "The body is larger than the gateway takes")
    @APIResponse(responseCode = "503", description = "Kafka stopped acknowledging writes: the report (complete "
            + "false) shows what was created; running the import again finishes it")
    public Response importChecks(JsonNode body) {
        ImportReport report = importer.importChecks(caller.tenantId(), HealthchecksCheck.parseList(body));
        if (report.complete()) {
            return Response.ok(report).build();
        }
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, config.push().retryAfter().toSeconds())))
                .entity(report).build();
    }
}

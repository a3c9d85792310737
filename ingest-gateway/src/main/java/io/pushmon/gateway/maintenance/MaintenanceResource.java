package io.pushmon.gateway.maintenance;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.JsonNode;

import io.pushmon.common.model.MaintenanceWindow;
import io.pushmon.gateway.tenants.CallerTenant;
import io.smallrye.common.annotation.Blocking;

/** {@code /api/maintenance-windows}: when the caller's tenant's outages are not to be notified. */
@Path("/api/maintenance-windows")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "maintenance", description = "Maintenance windows: one-off or recurring times during which the "
        + "notifications of a monitor, a tag or the whole tenant wait")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No valid API key")
@APIResponse(responseCode = "403", description = "A read-only key tried to change something")
@Blocking
public class MaintenanceResource {

    @Inject
    MaintenanceService windows;

    @Inject
    CallerTenant caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a maintenance window", description = "Body: name, scope (monitor, tag or tenant), "
            + "target (the monitor id or the tag), and either startsAt and endsAt (ISO instants) or cron, timeZone "
            + "and durationMinutes (1 to 10080).")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid body; the message names the field")
    public Response create(JsonNode body) {
        MaintenanceView created = view(windows.create(caller.tenantId(), MaintenanceRequest.parse(body)));
        return Response.created(URI.create("/api/maintenance-windows/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "List maintenance windows", description = "Oldest first, each with active, activeUntil "
            + "and nextStart as of now.")
    public List<MaintenanceView> list() {
        Instant now = windows.now();
        return windows.list(caller.tenantId()).stream().map(w -> MaintenanceView.of(w, now)).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a maintenance window")
    @APIResponse(responseCode = "404", description = "No such window in the caller's tenant")
    public MaintenanceView get(@PathParam("id") String id) {
        return view(windows.get(caller.tenantId(), id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a maintenance window", description = "The same body as a create; every field is "
            + "replaced.")
    @APIResponse(responseCode = "404", description = "No such window in the caller's tenant")
    public MaintenanceView replace(@PathParam("id") String id, JsonNode body) {
        return view(windows.replace(caller.tenantId(), id, MaintenanceRequest.parse(body)));
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a maintenance window", description = "Notifications it held are sent if the "
            + "monitors are still down.")
    @APIResponse(responseCode = "404", description = "No such window in the caller's tenant")
    public void delete(@PathParam("id") String id) {
        windows.delete(caller.tenantId(), id);
    }

    private MaintenanceView view(MaintenanceWindow window) {
        return MaintenanceView.of(window, windows.now());
    }
}

package io.pushmon.gateway.monitors;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.Role;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.status.LiveStateReader;
import io.pushmon.gateway.tenants.CallerTenant;
import io.pushmon.gateway.tenants.RequiresRole;
import io.smallrye.common.annotation.Blocking;

/** {@code /api/monitors}: the caller's tenant's push monitors. */
@Path("/api/monitors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitors", description = "Push monitors of the caller's tenant")
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key: Authorization: Bearer <key>")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No valid API key")
@APIResponse(responseCode = "403", description = "A read-only key tried to change something")
@Blocking
public class MonitorResource {

    private static final String BODY_REQUIRED = "a JSON body is required";

    @Inject
    MonitorService monitors;

    @Inject
    CallerTenant caller;

    @Inject
    GatewayConfig config;

    @Inject
    LiveStateReader liveState;

    @Inject
    MonitorBacktests backtests;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a monitor", description = "Answers 201 with the push token and URL. "
            + "failureThreshold (1..100, default 1) failures in a row take the monitor down, recoveryThreshold "
            + "(1..100, default 1) good pushes in a row bring it back; reminderIntervalSeconds (0 = off, default, or "
            + "60..31536000) and reminderLimit (0 = unlimited) repeat the down notification.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid body; the message names the field")
    public Response create(@Valid @NotNull(message = BODY_REQUIRED) MonitorRequest request) {
        MonitorView created = view(monitors.create(caller.tenantId(), request));
        return Response.created(URI.create("/api/monitors/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "List monitors", description = "Sorted by name, then id. With ?tag=a&tag=b only the "
            + "monitors that have all of the given tags (compared in lower case).")
    @APIResponse(responseCode = "400", description = "A tag of the wrong shape; the message names it")
    public List<MonitorView> list(@QueryParam("tag") List<String> tags) {
        return monitors.list(caller.tenantId(), Tags.normalize(tags, "tag")).stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a monitor", description = "With its live state from the detector: status (new, up, "
            + "down, paused; unknown while the detector is rebalancing), lastHeartbeatAt, nextDeadlineAt, lastMsg, "
            + "lastValue, incident; while failures below failureThreshold are counted, failing (\"2/3\"), and while "
            + "a down monitor counts good pushes towards recoveryThreshold, recovering (\"1/2\").")
    @APIResponse(responseCode = "404", description = "No such monitor in the caller's tenant")
    public MonitorView get(@PathParam("id") String id) {
        MonitorDefinition monitor = monitors.get(caller.tenantId(), id);
        return view(monitor).withLiveState(liveState.read(monitor.id()));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a monitor's settings", description = "Keeps id, token, paused and createdAt; "
            + "omitted optional fields, the thresholds and reminders among them, take their defaults.")
    @APIResponse(responseCode = "404", description = "No such monitor in the caller's tenant")
    public MonitorView replace(@PathParam("id") String id,
            @Valid @NotNull(message = BODY_REQUIRED) MonitorRequest request) {
        return view(monitors.replace(caller.tenantId(), id, request));
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a monitor", description = "Its push token answers 404 at once.")
    @APIResponse(responseCode = "404", description = "No such monitor in the caller's tenant")
    public void delete(@PathParam("id") String id) {
        monitors.delete(caller.tenantId(), id);
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a monitor", description = "No deadline and no alert until resumed; pushes are "
            + "still recorded and answered {\"ok\":true,\"paused\":true}.")
    public MonitorView pause(@PathParam("id") String id) {
        return view(monitors.pause(caller.tenantId(), id));
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a monitor", description = "The deadline re-arms from now (updatedAt).")
    public MonitorView resume(@PathParam("id") String id) {
        return view(monitors.resume(caller.tenantId(), id));
    }

    /**
     * The optional body of {@code POST /api/monitors/{id}/token}.
     *
     * @param overlapSeconds how long the current token keeps working beside the new one (0 to 2592000, 30 days);
     *                       absent: pushmon.tenancy.token-overlap (24 h)
     */
    public record RotationRequest(Long overlapSeconds) {
    }

    @POST
    @Path("/{id}/token")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Rotate the push token", description = "The current token keeps working beside the new one "
            + "for overlapSeconds (default 24 h; 0 refuses it at once), shown as previousToken until then, and answers "
            + "404 after. A second rotation within the overlap ends the first overlap at once.")
    public MonitorView rotateToken(@PathParam("id") String id, RotationRequest request) {
        return view(monitors.rotateToken(caller.tenantId(), id, request == null ? null : request.overlapSeconds()));
    }

    @POST
    @Path("/{id}/backtest")
    @Consumes(MediaType.WILDCARD)
    @RequiresRole(Role.READ_ONLY)
    @Operation(summary = "Backtest detection settings", description = "What these settings would have done: the "
            + "monitor's last 100 signals (the history the detector keeps) are replayed through the detector's status "
            + "machine with the body's timeoutSeconds or cron and timeZone, graceSeconds, maxRuntimeSeconds, "
            + "failureThreshold and recoveryThreshold (each omitted one is the monitor's current setting), and again "
            + "with the current settings. Answers {from, to, signals, settings, incidents: [{start, end, reason}], "
            + "current: {settings, incidents}}; end is null for an incident still open at to, the time up to which "
            + "the detector has read heartbeats. Nothing is changed; the cost is one read of 100 entries from one "
            + "store and two replays.")
    @APIResponse(responseCode = "200", description = "The incidents each setting would have opened")
    @APIResponse(responseCode = "400", description = "Settings that do not fit; the message names the field")
    @APIResponse(responseCode = "404", description = "No such monitor in the caller's tenant")
    @APIResponse(responseCode = "503", description = "The detector is rebalancing; retry after Retry-After")
    public Response backtest(@PathParam("id") String id, @Valid BacktestRequest request) {
        return backtests.run(monitors.get(caller.tenantId(), id), request);
    }

    private MonitorView view(MonitorDefinition monitor) {
        return MonitorView.of(monitor, config.publicUrl(), !caller.readOnly(), Instant.now());
    }
}

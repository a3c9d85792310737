package io.pushmon.gateway.status;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.pushmon.common.internal.HeartbeatBody;
import io.pushmon.gateway.monitors.MonitorService;
import io.pushmon.gateway.tenants.CallerTenant;
import io.pushmon.gateway.tenants.TenantQuotas;
import io.smallrye.common.annotation.Blocking;

/**
 * A monitor's recent history. The gateway checks that the monitor is the caller's, then relays the read to
 * the service that owns the data: heartbeats and status changes live in the processor's state stores,
 * deliveries in the dispatcher's log.
 */
@Path("/api/monitors/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitors")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "404", description = "No such monitor in the caller's tenant")
@APIResponse(responseCode = "503", description = "The owner of the data is rebalancing or starting; see Retry-After")
@Blocking
public class LiveStatusResource {

    @Inject
    MonitorService monitors;

    @Inject
    CallerTenant caller;

    @Inject
    InternalServices services;

    @Inject
    TenantQuotas quotas;

    @Inject
    ObjectMapper json;

    @GET
    @Path("/heartbeats")
    @Operation(summary = "Recent heartbeats", description = "The last 100 signals, newest first: seq, at, status (up, "
            + "down, start, log), msg, value, exitStatus, rid, durationMillis for an end paired with its start, and "
            + "bodySize.")
    public Response heartbeats(@PathParam("id") String id) {
        return withinRetention(services.processor().get("/internal/monitors/" + owned(id) + "/heartbeats"));
    }

    @GET
    @Path("/heartbeats/{seq}/body")
    @Produces({ MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON })
    @Operation(summary = "A heartbeat's body", description = "The output a job posted with one signal, as it was "
            + "received (cut to the body limit): text/plain for UTF-8, application/octet-stream otherwise. The "
            + "bodies of a monitor's last 20 signals are kept.")
    @APIResponse(responseCode = "200", description = "The body")
    public Response body(@PathParam("id") String id, @PathParam("seq") long seq) {
        Response answer = services.processor().get(HeartbeatBody.path(owned(id), seq));
        if (answer.getStatus() != 200 || !(answer.getEntity() instanceof String json)) {
            return answer;
        }
        HeartbeatBody body = HeartbeatBody.fromJson(json);
        return Response.ok(body.bytes(), body.isText() ? MediaType.TEXT_PLAIN + ";charset=utf-8"
                : MediaType.APPLICATION_OCTET_STREAM).build();
    }

    @GET
    @Path("/events")
    @Operation(summary = "Recent status changes", description = "Down and recovery events, newest first.")
    public Response events(@PathParam("id") String id) {
        return withinRetention(services.processor().get("/internal/monitors/" + owned(id) + "/events"));
    }

    @GET
    @Path("/notifications")
    @Operation(summary = "Recent notifications", description = "Deliveries of this monitor's events to its channels: "
            + "channel, event, attempts, outcome, last error.")
    public Response notifications(@PathParam("id") String id) {
        return withinRetention(services.dispatcher().get("/internal/monitors/" + owned(id) + "/notifications"));
    }

    /**
     * Only the entries the tenant's plan shows: those whose {@code at} is within its history retention. The
     * services keep a fixed number of entries per monitor; the plan decides how far back of them a tenant sees.
     */
    private Response withinRetention(Response answer) {
        if (answer.getStatus() != 200 || !(answer.getEntity() instanceof String body)) {
            return answer;
        }
        Instant cutoff = Instant.now().minus(quotas.plan(caller.tenantId()).historyRetention());
        try {
            JsonNode entries = json.readTree(body);
            if (!(entries instanceof ArrayNode array)) {
                return answer;
            }
            ArrayNode kept = json.createArrayNode();
            for (JsonNode entry : array) {
                JsonNode at = entry.get("at");
                if (at == null || !at.isTextual() || !Instant.parse(at.asText()).isBefore(cutoff)) {
                    kept.add(entry);
                }
            }
            return Response.ok(json.writeValueAsString(kept), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (JsonProcessingException | DateTimeParseException e) {
            return answer;
        }
    }

    /** The monitor's id once it is known to be the caller's; ids come from our own UUIDs, safe in a path. */
    private String owned(String id) {
        return monitors.get(caller.tenantId(), id).id();
    }
}

package io.pushmon.gateway.incidents;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pushmon.common.kafka.RecordWriter;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.PolicyInput;
import io.pushmon.common.topics.Topic;
import io.pushmon.gateway.audit.Audited;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.maintenance.MaintenanceDirectory;
import io.pushmon.gateway.monitors.MonitorService;
import io.pushmon.gateway.tenants.CallerTenant;
import io.smallrye.common.annotation.Blocking;

/**
 * A monitor's incidents, from this gateway's incident log, and their acknowledgement: an acknowledgement goes to
 * the policy step on {@code policy-inputs}, which stops the reminders and tells the channels who took it on.
 */
@Path("/api/monitors/{id}/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitors")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "404", description = "No such monitor in the caller's tenant")
@Blocking
public class IncidentResource {

    /** Longest note an acknowledgement takes. */
    static final int MAX_NOTE = 500;

    @Inject
    MonitorService monitors;

    @Inject
    CallerTenant caller;

    @Inject
    IncidentLog incidents;

    @Inject
    MaintenanceDirectory maintenance;

    @Inject
    Acknowledgements acknowledgements;

    @Inject
    RecordWriter writer;

    @Inject
    ObjectMapper json;

    private final Clock clock = Clock.systemUTC();

    @GET
    @Operation(summary = "Incidents", description = "The monitor's incidents of the last 90 days, newest first: "
            + "number, downAt, upAt, durationSeconds, reason, message, open, inMaintenance (a maintenance window "
            + "covering the monitor was open when it went down), acknowledgedBy, acknowledgedAt.")
    public List<IncidentView> list(@PathParam("id") String id) {
        MonitorDefinition monitor = monitors.get(caller.tenantId(), id);
        Map<Long, Acknowledgements.Acknowledged> acked = acknowledgements.of(caller.tenantId(), monitor.id());
        List<IncidentView> views = new ArrayList<>();
        for (Incident incident : incidents.incidents(monitor.id())) {
            views.add(IncidentView.of(incident, maintenance.covered(caller.tenantId(), monitor.id(), monitor.tags(),
                    incident.downAt()), acked.get(incident.number())));
        }
        Collections.reverse(views);
        return views;
    }

    @POST
    @Path("/{incident}/ack")
    @Operation(summary = "Acknowledge the open incident", description = "Stops its reminders and tells the "
            + "monitor's channels who acknowledged it (the signed-in user's email, or the API key). Optional body: "
            + "{\"note\": \"...\"}, at most 500 characters.")
    @APIResponse(responseCode = "202", description = "Handed to the alert policy")
    @APIResponse(responseCode = "409", description = "That incident is not the monitor's open incident")
    public Response acknowledge(@PathParam("id") String id, @PathParam("incident") long incident, String body) {
        checkNote(body);
        MonitorDefinition monitor = monitors.get(caller.tenantId(), id);
        Incident open = incidents.openIncident(monitor.id());
        if (open == null) {
            throw ApiException.conflict("the monitor is not down: there is no open incident to acknowledge");
        }
        if (open.number() != incident) {
            throw ApiException.conflict("incident " + incident + " is not open; the open incident is "
                    + open.number());
        }
        String by = acknowledgements.by(caller);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        writer.sendAndWait(Topic.POLICY_INPUTS, caller.tenantId(), PolicyInput.of(
                new PolicyInput.Acknowledgement(monitor.id(), caller.tenantId(), incident, by, at)));
        return Response.accepted(new Acknowledged(monitor.id(), incident, by, at)).build();
    }

    /**
     * The answer of an acknowledgement.
     *
     * @param monitorId      the monitor, also what the audit entry names
     * @param incident       the incident acknowledged
     * @param acknowledgedBy who
     * @param acknowledgedAt when
     */
    public record Acknowledged(String monitorId, long incident, String acknowledgedBy, Instant acknowledgedAt)
            implements Audited {

        @Override
        public String id() {
            return monitorId;
        }
    }

    /** The body is optional, so a bare POST (the dashboard's button sends no content type) is read as text. */
    private void checkNote(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        if (!(body instanceof ObjectNode object)) {
            throw ApiException.badRequest("the body is optional; when given, a JSON object such as {\"note\":\"...\"}");
        }
        object.fieldNames().forEachRemaining(field -> {
            if (!field.equals("note")) {
                throw ApiException.badRequest("unknown field '" + field + "'");
            }
        });
        JsonNode note = object.get("note");
        if (note != null && !note.isNull() && (!note.isTextual() || note.asText().length() > MAX_NOTE)) {
            throw ApiException.badRequest("note must be a string of at most " + MAX_NOTE + " characters");
        }
    }
}

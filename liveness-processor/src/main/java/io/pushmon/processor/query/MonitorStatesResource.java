package io.pushmon.processor.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.OptionalInt;
import java.util.Set;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.pushmon.common.internal.MonitorStates;
import io.pushmon.common.serde.Json;

/**
 * Live state of many monitors in one read, for the gateway only (inside the cluster), like
 * {@link MonitorQueryResource}: the gateway checks the caller's tenant for every id before it asks.
 */
@Path(MonitorStates.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class MonitorStatesResource {

    private final BatchStateQuery query;

    public MonitorStatesResource(BatchStateQuery query) {
        this.query = query;
    }

    /**
     * The states of the monitors whose ids the body lists (a JSON array of at most {@value MonitorStates#MAX_IDS}
     * strings), as {@code MonitorStates} JSON, each with its last {@code points} signals (default
     * {@value MonitorStates#DEFAULT_POINTS}, at most {@value MonitorStates#MAX_POINTS}, 0 for none). A 400 names what
     * is wrong with the body or the query; a 503 with Retry-After while Kafka Streams is not running. The body is
     * taken as text whatever its content type, so that any malformed request is a 400 that says why.
     */
    @POST
    public Response states(String body, @QueryParam("points") String points,
            @HeaderParam(OwnerForwarder.FORWARDED_HEADER) String forwarded) {
        OptionalInt pointCount = pointCount(points);
        if (pointCount.isEmpty()) {
            return badRequest("points must be a whole number, 0 or more (more than " + MonitorStates.MAX_POINTS
                    + " gives " + MonitorStates.MAX_POINTS + ")");
        }
        JsonNode ids;
        try {
            ids = body == null ? null : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            ids = null;
        }
        if (ids == null || !ids.isArray()) {
            return badRequest("the body must be a JSON array of monitor ids");
        }
        if (ids.size() > MonitorStates.MAX_IDS) {
            return badRequest("at most " + MonitorStates.MAX_IDS + " monitor ids per read, not " + ids.size());
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (JsonNode id : ids) {
            if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > MonitorQueryResource.MAX_ID_LENGTH) {
                return badRequest("every monitor id must be a string of 1 to " + MonitorQueryResource.MAX_ID_LENGTH
                        + " characters");
            }
            distinct.add(id.asText());
        }
        return query.read(new ArrayList<>(distinct), pointCount.getAsInt(), forwarded != null);
    }

    /** The points asked for, capped; empty when that is no count. */
    private static OptionalInt pointCount(String points) {
        if (points == null) {
            return OptionalInt.of(MonitorStates.DEFAULT_POINTS);
        }
        try {
            int count = Integer.parseInt(points.strip());
            return count < 0 ? OptionalInt.empty() : OptionalInt.of(Math.min(count, MonitorStates.MAX_POINTS));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static Response badRequest(String message) {
        return MonitorQueries.error(Response.Status.BAD_REQUEST, message);
    }
}

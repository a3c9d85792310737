package io.pushmon.processor.query;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Live state of one monitor, for the gateway only (inside the cluster). The gateway checks the caller's
 * tenant before it asks; these endpoints trust their callers and must never be exposed publicly.
 */
@Path("/internal/monitors/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class MonitorQueryResource {

    static final int MAX_ID_LENGTH = 200;

    private final MonitorQueries queries;

    public MonitorQueryResource(MonitorQueries queries) {
        this.queries = queries;
    }

    /** The monitor's live state, as {@code MonitorLiveState} JSON. */
    @GET
    @Path("state")
    public Response state(@PathParam("id") String id, @HeaderParam(OwnerForwarder.FORWARDED_HEADER) String fwd) {
        return read(id, MonitorView.STATE, fwd);
    }

    /** The last 100 signals, newest first: {@code [{seq, at, status, msg, value, exitStatus, rid, ...}]}. */
    @GET
    @Path("heartbeats")
    public Response heartbeats(@PathParam("id") String id,
            @HeaderParam(OwnerForwarder.FORWARDED_HEADER) String fwd) {
        return read(id, MonitorView.HEARTBEATS, fwd);
    }

    /** The body posted with one signal: {@code {seq, encoding, body}}, 404 once it is no longer kept. */
    @GET
    @Path("heartbeats/{seq}/body")
    public Response body(@PathParam("id") String id, @PathParam("seq") long seq,
            @HeaderParam(OwnerForwarder.FORWARDED_HEADER) String fwd) {
        return read(id, MonitorView.body(seq), fwd);
    }

    /** The recent status changes, newest first, as {@code MonitorEvent} JSON. */
    @GET
    @Path("events")
    public Response events(@PathParam("id") String id, @HeaderParam(OwnerForwarder.FORWARDED_HEADER) String fwd) {
        return read(id, MonitorView.EVENTS, fwd);
    }

    private Response read(String id, MonitorView view, String forwarded) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            return MonitorQueries.error(Response.Status.BAD_REQUEST,
                    "monitor id must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        return queries.read(id, view, forwarded != null);
    }
}

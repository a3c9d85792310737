package io.pushmon.processor.query;

import java.io.UncheckedIOException;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.pushmon.common.internal.Backtests;
import io.pushmon.common.schedule.Schedules;

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

    /**
     * What the rules of the body (a {@code Backtests.Query} of 1 to {@value Backtests#MAX_RULES} complete rules) would
     * have done with the monitor's last 100 signals, as {@code Backtests.Report} JSON; nothing is changed. A 400 names
     * what is wrong with the body. The body is taken as text whatever its content type, so that any malformed
     * request is a 400 that says why.
     */
    @POST
    @Path("backtest")
    public Response backtest(@PathParam("id") String id, String body,
            @HeaderParam(OwnerForwarder.FORWARDED_HEADER) String fwd) {
        if (!validId(id)) {
            return badId();
        }
        Backtests.Query query;
        try {
            query = body == null ? null : Backtests.Query.fromJson(body);
        } catch (UncheckedIOException e) {
            query = null;
        }
        if (query == null || query.rules().isEmpty() || query.rules().size() > Backtests.MAX_RULES) {
            return MonitorQueries.error(Response.Status.BAD_REQUEST,
                    "the body must be {\"rules\":[...]} with 1 to " + Backtests.MAX_RULES + " rules");
        }
        for (Backtests.Rule rule : query.rules()) {
            Optional<String> problem = problem(rule);
            if (problem.isPresent()) {
                return MonitorQueries.error(Response.Status.BAD_REQUEST, problem.get());
            }
        }
        return queries.backtest(id, query, fwd != null);
    }

    /** What makes a rule unreplayable; the gateway checks the owner's settings more closely before it asks. */
    private static Optional<String> problem(Backtests.Rule rule) {
        if (rule == null) {
            return Optional.of("a rule must be an object");
        }
        if ((rule.cron() == null) == (rule.timeoutSeconds() <= 0)) {
            return Optional.of("a rule has timeoutSeconds above 0 or a cron schedule, not both");
        }
        if (rule.failureThreshold() < 1 || rule.failureThreshold() > Backtests.MAX_THRESHOLD
                || rule.recoveryThreshold() < 1 || rule.recoveryThreshold() > Backtests.MAX_THRESHOLD) {
            return Optional.of("failureThreshold and recoveryThreshold must be between 1 and "
                    + Backtests.MAX_THRESHOLD);
        }
        if (rule.graceSeconds() < 0 || rule.maxRuntimeSeconds() < 0) {
            return Optional.of("graceSeconds and maxRuntimeSeconds must not be negative");
        }
        if (rule.cron() != null) {
            try {
                Schedules.parse(rule.cron().expression(), rule.cron().timeZone());
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }
        return Optional.empty();
    }

    private Response read(String id, MonitorView view, String forwarded) {
        if (!validId(id)) {
            return badId();
        }
        return queries.read(id, view, forwarded != null);
    }

    private static boolean validId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH;
    }

    private static Response badId() {
        return MonitorQueries.error(Response.Status.BAD_REQUEST,
                "monitor id must be 1 to " + MAX_ID_LENGTH + " characters");
    }
}

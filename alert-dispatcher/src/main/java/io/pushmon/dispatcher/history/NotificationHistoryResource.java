package io.pushmon.dispatcher.history;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /internal/monitors/{id}/notifications}: the monitor's recent deliveries, for the gateway. The
 * dispatcher does not know which monitors exist, so a monitor without deliveries answers an empty list.
 */
@Path("/internal/monitors/{id}/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationHistoryResource {

    @Inject
    NotificationHistory history;

    @GET
    public Response recent(@PathParam("id") String monitorId) {
        if (!history.isCaughtUp()) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .entity(Map.of("ok", false, "error", "the delivery log is still being read")).build();
        }
        return Response.ok(history.recent(monitorId)).build();
    }
}

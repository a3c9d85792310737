package io.pushmon.gateway.ui;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import io.pushmon.gateway.tenants.CallerTenant;

/** The overview's live feed: {@code monitor} events with a row's new status, last ping and next deadline. */
@Path("/app/live")
public class LiveResource {

    @Inject
    CallerTenant caller;

    @Inject
    LiveBoard board;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void live(@Context SseEventSink sink, @Context Sse sse) {
        board.watch(caller.tenantId(), sink, sse);
    }
}

package io.pushmon.dispatcher.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.pushmon.common.delivery.AttemptResult;
import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.dispatcher.channelcache.ChannelCache;
import io.pushmon.dispatcher.channels.Notification;
import io.pushmon.dispatcher.channels.SendOutcome;

/**
 * {@code POST /internal/channels/{id}/test}: sends a test notification through the channel now, outside the
 * retry machinery (the owner is waiting for the answer), and reports the receiver's answer.
 */
@Path("/internal/channels/{id}/test")
@Produces(MediaType.APPLICATION_JSON)
public class TestNotificationResource {

    @Inject
    ChannelCache channels;

    @Inject
    ChannelSenders senders;

    /** The answer: whether the receiver took it, its HTTP status (0 when none) and the failure. */
    public record TestResult(boolean ok, int status, String error) {
    }

    @POST
    public CompletionStage<Response> test(@PathParam("id") String channelId) {
        if (!channels.isCaughtUp()) {
            return CompletableFuture.completedFuture(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "1")
                    .entity(Map.of("ok", false, "error", "channels are still being read")).build());
        }
        return channels.find(channelId)
                .map(channel -> senders.send(testNotification(channel), channel)
                        .thenApply(outcome -> Response.ok(new TestResult(
                                outcome.kind() == AttemptResult.DELIVERED, outcome.statusCode(), outcome.error()))
                                .build()))
                .orElseGet(() -> CompletableFuture.completedFuture(Response.status(Response.Status.NOT_FOUND)
                        .entity(Map.of("ok", false, "error", "channel not found")).build()));
    }

    private static Notification testNotification(ChannelDefinition channel) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = UUID.randomUUID().toString();
        MonitorEvent sample = new MonitorEvent("test-" + id, "test-monitor", channel.tenantId(), "pushmon test",
                MonitorStatus.UP, MonitorStatus.DOWN, EventReason.TIMEOUT, now, 0, null, now.minusSeconds(60),
                "this is a test notification from pushmon", null, List.of(channel.id()));
        return new Notification(sample, "test:" + channel.id() + ":" + id, 1, true);
    }
}

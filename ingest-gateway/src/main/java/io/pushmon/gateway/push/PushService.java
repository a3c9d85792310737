package io.pushmon.gateway.push;

import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.directory.MonitorDirectory;
import io.pushmon.gateway.directory.PushTarget;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.kafka.HeartbeatWriter;
import io.pushmon.gateway.push.PushMetrics.Outcome;
import io.pushmon.gateway.tenants.Plans;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Turns a push into a heartbeat record keyed by monitor id, and answers once Kafka acknowledged it. Everything
 * here runs on the event loop that took the request and never blocks it: the lookup is in memory, and the
 * heartbeat producer queues the record or fails at once (see HeartbeatWriter). A singleton, like what it calls,
 * because an application-scoped bean is reached through a client proxy on every call.
 */
@Singleton
public class PushService {

    private final MonitorDirectory monitors;
    private final HeartbeatWriter writer;
    private final PushMetrics metrics;
    private final SlugTargets slugs;
    private final ClientAddressResolver addresses;
    private final PushLimits limits;
    private final int maxUserAgentLength;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public PushService(MonitorDirectory monitors, SlugTargets slugs, HeartbeatWriter writer, PushMetrics metrics,
            PushLimits limits, GatewayConfig config) {
        this.monitors = monitors;
        this.slugs = slugs;
        this.writer = writer;
        this.metrics = metrics;
        this.limits = limits;
        this.addresses = ClientAddressResolver.of(config.push());
        this.maxUserAgentLength = config.push().maxUserAgentLength();
    }

    /**
     * Validates, looks up and records a push.
     *
     * @param request what arrived over HTTP
     * @return the answer, once the heartbeat is acknowledged; fails with a 4xx {@link ApiException} for a
     *         bad, unknown, refused (suspended account) or too frequent push, or with a KafkaUnavailableException
     *         when it was not recorded
     */
    public CompletionStage<PushAnswer> accept(PushRequest request) {
        long receivedAt = clock.millis();
        PushParameters parameters;
        PushTarget monitor = null;
        CompletionStage<SlugTargets.Resolved> bySlug = null;
        try {
            parameters = request.parameters();
            if (request.dialect() == PushRequest.Dialect.PING_SLUG) {
                bySlug = slugs.resolve(request.token(), request.slug(), parameters.create());
            } else {
                monitor = byToken(request);
            }
        } catch (ApiException e) {
            return refused(e);
        }
        PushParameters accepted = parameters;
        if (bySlug != null) {
            return bySlug.thenCompose(resolved -> record(resolved.target(), request, accepted, receivedAt,
                    resolved.created()));
        }
        return record(monitor, request, accepted, receivedAt, false);
    }

    private CompletionStage<PushAnswer> refused(ApiException e) {
        metrics.count(switch (e.status().getStatusCode()) {
            case 404 -> Outcome.UNKNOWN_TOKEN;
            case 403, 429 -> Outcome.LIMITED;
            default -> Outcome.BAD_REQUEST;
        });
        return CompletableFuture.failedFuture(e);
    }

    private PushTarget byToken(PushRequest request) {
        boolean ping = request.dialect() == PushRequest.Dialect.PING;
        if (!PushTokens.hasValidShape(request.token())) {
            // Healthchecks answers a URL that is no check's as not found, whatever its shape.
            throw ping ? ApiException.notFound("not found")
                    : ApiException.badRequest("the push token has the wrong shape: expected " + PushTokens.LENGTH
                            + " characters of A-Z, a-z, 0-9, '-' and '_', or a lower-case UUID");
        }
        return monitors.pushTarget(request.token())
                .orElseThrow(() -> ApiException.notFound(ping ? "not found" : "no monitor has this push token"));
    }

    private CompletionStage<PushAnswer> record(PushTarget monitor, PushRequest request, PushParameters parameters,
            long receivedAt, boolean created) {
        Plans.Plan plan;
        try {
            plan = limits.admit(monitor);
        } catch (ApiException e) {
            return refused(e);
        }
        Heartbeat heartbeat = Heartbeat.signal(parameters.status(), parameters.msg(), parameters.value(),
                parameters.exitStatus(), parameters.rid(), keptBody(request.body(), plan.bodyLimit()),
                addresses.resolve(request.peerAddress(), request.forwardedFor()), truncate(request.userAgent()),
                receivedAt);
        boolean paused = monitor.paused();
        int bodyLimit = plan.bodyLimit();
        long sentAt = System.nanoTime();
        CompletableFuture<PushAnswer> answer = new CompletableFuture<>();
        // The acknowledgement arrives on the producer's I/O thread. The answer is completed back on the request's
        // own context, so that thread only does I/O and the response is written where it belongs.
        Context context = Vertx.currentContext();
        writer.push(monitor.monitorId(), heartbeat).whenComplete((metadata, error) -> {
            Runnable settle = () -> settle(answer, error, paused, created, bodyLimit, sentAt);
            if (context == null) {
                settle.run();
            } else {
                context.runOnContext(ignored -> settle.run());
            }
        });
        return answer;
    }

    private void settle(CompletableFuture<PushAnswer> answer, Throwable error, boolean paused, boolean created,
            int bodyLimit, long sentAt) {
        metrics.produced(sentAt, error == null);
        if (error != null) {
            metrics.count(Outcome.UNAVAILABLE);
            answer.completeExceptionally(error);
        } else {
            metrics.count(paused ? Outcome.RECORDED_PAUSED : Outcome.RECORDED);
            answer.complete(PushAnswer.recorded(paused, created, bodyLimit));
        }
    }

    /** Cut, as Healthchecks does, rather than refused: the job already ran, and its status matters more. */
    private static byte[] keptBody(byte[] body, int bodyLimit) {
        if (body == null || body.length == 0) {
            return null;
        }
        return body.length <= bodyLimit ? body : Arrays.copyOf(body, bodyLimit);
    }

    private String truncate(String userAgent) {
        if (userAgent == null || userAgent.length() <= maxUserAgentLength) {
            return userAgent;
        }
        int end = maxUserAgentLength;
        if (Character.isHighSurrogate(userAgent.charAt(end - 1))) {
            end--;
        }
        return userAgent.substring(0, end);
    }
}

package io.pushmon.gateway.push;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Pushes by outcome, and how long Kafka takes to acknowledge them. */
@Singleton
public class PushMetrics {

    /** How a push ended; the tag value of {@code pushmon_push_requests_total}. */
    public enum Outcome {
        RECORDED, RECORDED_PAUSED, BAD_REQUEST, UNKNOWN_TOKEN, LIMITED, UNAVAILABLE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Outcome, Counter> requests = new EnumMap<>(Outcome.class);
    private final Timer acked;
    private final Timer failed;

    @Inject
    public PushMetrics(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            // Registered once: a lookup in the registry on every push would cost more than the count itself.
            requests.put(outcome, Counter.builder("pushmon.push.requests").description("Push requests by outcome")
                    .tag("outcome", outcome.tag()).register(registry));
        }
        this.acked = produceTimer(registry, "acked");
        this.failed = produceTimer(registry, "failed");
    }

    void count(Outcome outcome) {
        requests.get(outcome).increment();
    }

    void produced(long startNanos, boolean acknowledged) {
        (acknowledged ? acked : failed).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private static Timer produceTimer(MeterRegistry registry, String result) {
        return Timer.builder("pushmon.push.produce").description("Time from sending a heartbeat to Kafka's answer")
                .tag("result", result).publishPercentileHistogram().register(registry);
    }
}

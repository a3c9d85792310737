package io.pushmon.processor.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushmon.common.model.Notice;

/** The policy step's meters: what it sent, what it held and why, and whether a storm is being held. */
public final class PolicyMetrics {

    private final MeterRegistry registry;
    private final Map<Notice.Kind, Counter> notices = new ConcurrentHashMap<>();
    private final Map<OpenIncident.Hold, Counter> holds = new ConcurrentHashMap<>();
    private final AtomicInteger stormTasks = new AtomicInteger();

    public PolicyMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("pushmon.policy.storm.active", stormTasks, AtomicInteger::get)
                .description("Policy tasks of this instance holding notices because ingest fell (storm guard)")
                .register(registry);
    }

    void sent(Notice.Kind kind) {
        notices.computeIfAbsent(kind, k -> Counter.builder("pushmon.policy.notices")
                .description("Notices the policy sent to the dispatcher, by kind").tag("kind", k.name())
                .register(registry)).increment();
    }

    void held(OpenIncident.Hold why) {
        holds.computeIfAbsent(why, w -> Counter.builder("pushmon.policy.held")
                .description("Downs whose notice was held, by reason").tag("reason", w.name())
                .register(registry)).increment();
    }

    void stormStarted() {
        stormTasks.incrementAndGet();
    }

    void stormEnded() {
        stormTasks.decrementAndGet();
    }
}

package io.pushmon.gateway.ticks;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.PartitionInfo;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.kafka.HeartbeatWriter;

/**
 * Writes one tick to every partition of {@code heartbeats} per interval. The detector's clock is the broker
 * time of what it has read, so a partition without pushes needs ticks to let deadlines fire; when ticks
 * stop (this gateway or Kafka is down) the detector's clock stops too, and nobody is declared down for time
 * that could not be observed. Several gateways ticking at once is fine: a tick only says "time has passed".
 *
 * <p>One scheduler thread with a fixed delay: when Kafka is slow, rounds are skipped rather than queued.
 */
@ApplicationScoped
public class TickWriter {

    private static final Logger LOG = Logger.getLogger(TickWriter.class);

    private final HeartbeatWriter writer;
    private final long intervalMillis;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Counter sent;
    private final Counter failed;
    private ScheduledExecutorService scheduler;

    @Inject
    public TickWriter(HeartbeatWriter writer, GatewayConfig config, MeterRegistry registry) {
        this.writer = writer;
        this.intervalMillis = Math.max(config.ticks().interval().toMillis(), 10);
        this.sent = Counter.builder("pushmon.ticks.sent").description("Tick records acknowledged")
                .register(registry);
        this.failed = Counter.builder("pushmon.ticks.failed").description("Tick records Kafka did not acknowledge")
                .register(registry);
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "pushmon-ticks");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::tickSafely, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A thrown exception would cancel the schedule for good.
            onFailure(e);
        }
    }

    private void tick() {
        Heartbeat tick = Heartbeat.tick(clock.millis());
        for (PartitionInfo partition : writer.partitions()) {
            writer.tick(partition.partition(), Heartbeat.TICK_KEY, tick).whenComplete((metadata, error) -> {
                if (error != null) {
                    onFailure(error);
                } else {
                    sent.increment();
                    if (failing.compareAndSet(true, false)) {
                        LOG.info("Ticks are acknowledged again");
                    }
                }
            });
        }
    }

    private void onFailure(Throwable error) {
        failed.increment();
        if (failing.compareAndSet(false, true)) {
            Throwable reason = error.getCause() != null ? error.getCause() : error;
            LOG.warnf("Ticks are not acknowledged (%s): the detector's clock stands still until they are",
                    reason.getClass().getSimpleName());
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}

package io.pushmon.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.PushStatus;

/**
 * Measures detection delay on the real broker: the time from a monitor's deadline (the down event's
 * {@code at}) to the moment a read_committed consumer receives the event, with ticks every 250 ms and the
 * default detector settings. Prints the numbers; not part of {@code verify} (run it with
 * {@code ./mvnw -B verify -pl liveness-processor -Dtest=DetectionDelayBenchmark}).
 */
class DetectionDelayBenchmark {

    private static final int MONITORS = 1_000;

    @Test
    void detectionDelayOfAThousandMonitors() {
        try (BrokerFixture kafka = new BrokerFixture()) {
            String run = UUID.randomUUID().toString();
            List<String> ids = IntStream.range(0, MONITORS).mapToObj(i -> "bench-" + run + "-" + i).toList();
            kafka.startTicks();
            kafka.startDetector();
            ids.forEach(id -> kafka.define(BrokerFixture.monitor(id, 2)));
            BrokerFixture.sleep(1_000);
            ids.forEach(id -> kafka.push(id, PushStatus.UP));

            List<BrokerFixture.Received> downs = kafka.awaitEvents(MONITORS, Duration.ofSeconds(60),
                    e -> e.monitorId().startsWith("bench-" + run) && e.reason() == EventReason.TIMEOUT);
            assertThat(downs).hasSize(MONITORS);
            long[] delays = downs.stream().mapToLong(r -> r.receivedAt() - r.event().at().toEpochMilli()).sorted()
                    .toArray();
            System.out.printf("detection delay over %d monitors (ms): min %d, p50 %d, p90 %d, p99 %d, max %d%n", MONITORS,
                    delays[0], delays[delays.length / 2], delays[(int) (delays.length * 0.9) - 1], delays[(int) (delays.length * 0.99) - 1],
                    delays[delays.length - 1]);
        }
    }
}

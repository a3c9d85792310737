package io.pushmon.processor.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import io.pushmon.processor.topology.DetectorService;

/** Health of the Kafka Streams detector. */
public final class StreamsHealth {

    private StreamsHealth() {
    }

    /** Ready only while RUNNING: during a rebalance or restore, reads would answer 503 anyway. */
    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {

        private final DetectorService detector;

        public Ready(DetectorService detector) {
            this.detector = detector;
        }

        @Override
        public HealthCheckResponse call() {
            KafkaStreams.State state = detector.state();
            return HealthCheckResponse.named("kafka-streams").status(state == KafkaStreams.State.RUNNING)
                    .withData("state", state.name()).build();
        }
    }

    /** Alive unless streams has failed for good; a restart of the process is then the remedy. */
    @Liveness
    @ApplicationScoped
    public static class Alive implements HealthCheck {

        private final DetectorService detector;

        public Alive(DetectorService detector) {
            this.detector = detector;
        }

        @Override
        public HealthCheckResponse call() {
            KafkaStreams.State state = detector.state();
            boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
            return HealthCheckResponse.named("kafka-streams").status(!failed).withData("state", state.name())
                    .build();
        }
    }
}

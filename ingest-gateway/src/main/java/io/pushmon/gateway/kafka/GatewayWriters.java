package io.pushmon.gateway.kafka;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.RecordWriter;

/**
 * The gateway's two producers. Heartbeats (pushes and ticks) go through a producer that never blocks its
 * caller, because pushes are sent from the event loop; definitions (monitors, channels, tenants) go through one
 * that may wait for metadata and buffer space, because management calls run on worker threads and must not fail
 * just because the gateway wrote nothing to that topic for a while.
 */
@ApplicationScoped
public class GatewayWriters {

    /** A singleton, not application-scoped: every push calls it, and a client proxy would stand in each call. */
    @Produces
    @Singleton
    HeartbeatWriter heartbeats(KafkaConfig kafka) {
        return new HeartbeatWriter(new RecordWriter(KafkaClients.newProducer(kafka, "pushmon-gateway-heartbeats",
                Duration.ZERO), kafka.produceTimeout()));
    }

    @Produces
    @ApplicationScoped
    RecordWriter definitions(KafkaConfig kafka) {
        return new RecordWriter(KafkaClients.newProducer(kafka, "pushmon-gateway-definitions",
                kafka.produceTimeout()), kafka.produceTimeout());
    }

    void close(@Disposes HeartbeatWriter writer) {
        writer.close();
    }

    void close(@Disposes RecordWriter writer) {
        writer.close();
    }
}

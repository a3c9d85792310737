package io.pushmon.dispatcher.lifecycle;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.RecordWriter;
import io.pushmon.dispatcher.delivery.DispatcherConfig;

/**
 * The one producer of the instance, shared by all deliveries: the delivery log, retries and dead letters. Its
 * sends may block up to {@code pushmon.dispatcher.write.max-block}, so it is never called from an event loop.
 */
public class WriterProducer {

    @Produces
    @Singleton
    RecordWriter writer(KafkaConfig kafka, DispatcherConfig config) {
        return new RecordWriter(KafkaClients.newProducer(kafka, "pushmon-dispatcher-writer",
                config.write().maxBlock()), kafka.produceTimeout());
    }

    void close(@Disposes RecordWriter writer) {
        writer.close();
    }
}

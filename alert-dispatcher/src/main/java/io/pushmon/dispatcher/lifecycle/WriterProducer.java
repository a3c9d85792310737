package io.pushmon.dispatcher.lifecycle;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.pushmon.dispatcher.delivery.DispatcherConfig;
import io.pushmon.dispatcher.kafka.KafkaSettings;
import io.pushmon.dispatcher.kafka.RecordWriter;

/** The one producer of the instance, shared by all deliveries. */
public class WriterProducer {

    @Produces
    @Singleton
    RecordWriter writer(KafkaSettings kafka, DispatcherConfig config) {
        return new RecordWriter(kafka.bootstrapServers(), config.write().maxBlock());
    }

    void close(@Disposes RecordWriter writer) {
        writer.close();
    }
}

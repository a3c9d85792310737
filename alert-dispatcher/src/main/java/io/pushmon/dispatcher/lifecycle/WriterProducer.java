package io.pushmon.dispatcher.lifecycle;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.pushmon.dispatcher.kafka.KafkaSettings;
import io.pushmon.dispatcher.kafka.RecordWriter;

/** The one producer of the instance, shared by all deliveries. */
public class WriterProducer {

    @Produces
    @Singleton
    RecordWriter writer(KafkaSettings kafka) {
        return new RecordWriter(kafka.bootstrapServers());
    }

    void close(@Disposes RecordWriter writer) {
        writer.close();
    }
}

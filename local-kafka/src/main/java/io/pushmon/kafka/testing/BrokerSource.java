package io.pushmon.kafka.testing;

import java.util.function.BooleanSupplier;

/** Where the tests' Kafka broker comes from, in order of preference. */
public enum BrokerSource {
    /** A running broker named by {@code -Dpushmon.test.kafka=host:port}: CI with a service container, a dev cluster. */
    EXTERNAL,
    /** Testcontainers' Kafka module, when a Docker engine answers. */
    TESTCONTAINERS,
    /** Kafka's own KRaft test kit inside the test JVM: works with nothing but Java. */
    IN_PROCESS;

    /**
     * The system property naming an external broker ({@code ./mvnw verify -Dpushmon.test.kafka=host:port}). Not an
     * environment variable: a KAFKA_BOOTSTRAP_SERVERS exported for a local pushmon must not point tests at it.
     */
    public static final String EXTERNAL_PROPERTY = "pushmon.test.kafka";

    /**
     * Picks the source. The Docker probe can take seconds when no engine runs, so it is asked only when no
     * external broker is named.
     */
    public static BrokerSource choose(String external, BooleanSupplier dockerAvailable) {
        if (external != null && !external.isBlank()) {
            return EXTERNAL;
        }
        return dockerAvailable.getAsBoolean() ? TESTCONTAINERS : IN_PROCESS;
    }
}

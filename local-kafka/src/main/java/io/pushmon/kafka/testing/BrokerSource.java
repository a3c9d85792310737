package io.pushmon.kafka.testing;

import java.util.Map;
import java.util.function.BooleanSupplier;

/** Where the tests' Kafka broker comes from, in order of preference. */
public enum BrokerSource {
    /** A running broker named by {@code KAFKA_BOOTSTRAP_SERVERS}: CI with a service container, a dev cluster. */
    EXTERNAL,
    /** Testcontainers' Kafka module, when a Docker engine answers. */
    TESTCONTAINERS,
    /** Kafka's own KRaft test kit inside the test JVM: works with nothing but Java. */
    IN_PROCESS;

    /** The environment variable naming an external broker. */
    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    /**
     * Picks the source. The Docker probe can take seconds when no engine runs, so it is asked only when no
     * external broker is named.
     */
    public static BrokerSource choose(Map<String, String> env, BooleanSupplier dockerAvailable) {
        String external = env.get(BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            return EXTERNAL;
        }
        return dockerAvailable.getAsBoolean() ? TESTCONTAINERS : IN_PROCESS;
    }
}

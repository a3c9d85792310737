package io.pushmon.gateway.kafka;

/**
 * Kafka did not acknowledge a write in time. The write may or may not have happened; the caller must not
 * be told it did.
 */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

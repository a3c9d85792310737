package io.pushmon.common.kafka;

/**
 * Kafka did not acknowledge a write in time. The write may or may not have happened; the caller must not
 * be told it did. It carries no stack trace of its own: during an outage every push ends in one, and the cause
 * says where it came from.
 */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

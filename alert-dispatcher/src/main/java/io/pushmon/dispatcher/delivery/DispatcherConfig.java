package io.pushmon.dispatcher.delivery;

import java.time.Duration;

import io.pushmon.common.kafka.KafkaAccess;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the dispatcher consumes, sends, retries and remembers deliveries. */
@ConfigMapping(prefix = "pushmon.dispatcher")
public interface DispatcherConfig {

    /** The consumer of {@code alerts}. */
    Events events();

    /** Sending to receivers. */
    Send send();

    /** The retry schedule and the consumer of {@code notification-retries}. */
    Retry retry();

    /** Writes of the delivery log, retries and dead letters. */
    Write write();

    /** The in-memory index of recent deliveries behind {@code GET /internal/monitors/{id}/notifications}. */
    History history();

    /** How often finished offsets are committed. */
    @WithDefault("1s")
    Duration commitInterval();

    /** Settings of the {@code alerts} consumer. */
    interface Events {
        /** Consumer group shared by all dispatcher instances. */
        @WithDefault(KafkaAccess.DISPATCHER_EVENTS_GROUP)
        String groupId();

        /** Whether this instance consumes {@code alerts}. */
        @WithDefault("true")
        boolean enabled();

        /** Events read but not finished at which the consumer pauses its partitions. */
        @WithDefault("256")
        int maxPending();
    }

    /** Settings of one send. */
    interface Send {
        /** Sends in flight at once, per consumer (first attempts and retries each have their own limit). */
        @WithDefault("64")
        int maxInFlight();

        /** Longest wait for a receiver's answer before the attempt counts as failed and retryable. */
        @WithDefault("10s")
        Duration timeout();
    }

    /** Settings of retries and dead letters. */
    interface Retry {
        /** Consumer group of the {@code notification-retries} consumer. */
        @WithDefault(KafkaAccess.DISPATCHER_RETRIES_GROUP)
        String groupId();

        /** Whether this instance consumes {@code notification-retries}. */
        @WithDefault("true")
        boolean enabled();

        /** Attempts per delivery, the first included, before it goes to the dead-letter topic. */
        @WithDefault("6")
        int maxAttempts();

        /** Upper bound of the delay after the first failed attempt; it doubles with every attempt. */
        @WithDefault("30s")
        Duration initialBackoff();

        /** Largest upper bound of a delay, however many attempts failed. */
        @WithDefault("10m")
        Duration maxBackoff();

        /** Largest Retry-After a receiver may ask for; longer requests are cut to this. */
        @WithDefault("1h")
        Duration maxRetryAfter();

        /** Retries held in memory until due at which the retry consumer pauses its partitions. */
        @WithDefault("10000")
        int maxHeld();
    }

    /** Settings of the dispatcher's own writes. */
    interface Write {
        /** Longest a write may wait for broker metadata or buffer space before it fails (Kafka max.block.ms). */
        @WithDefault("5s")
        Duration maxBlock();
    }

    /** Settings of the recent-deliveries index. */
    interface History {
        /** Log records kept per monitor (all attempts of recent deliveries). */
        @WithDefault("100")
        int perMonitor();
    }
}

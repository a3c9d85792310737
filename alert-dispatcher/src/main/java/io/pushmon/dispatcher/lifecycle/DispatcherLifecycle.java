package io.pushmon.dispatcher.lifecycle;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.KafkaAccess;
import io.pushmon.common.topics.TopicProvisioner;
import io.pushmon.dispatcher.channelcache.ChannelCache;
import io.pushmon.dispatcher.delivery.DispatcherConfig;
import io.pushmon.dispatcher.delivery.EventConsumer;
import io.pushmon.dispatcher.delivery.RetryConsumer;
import io.pushmon.dispatcher.history.NotificationHistory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts the dispatcher in the order correctness needs: topics exist, then the channel cache is read to the
 * end, and only then the consumers start (an event read before its channel is known would be skipped). Both
 * consumers are the messaging connector's channels, so the connector's own shutdown stops them and commits what
 * was acknowledged.
 */
@Singleton
public class DispatcherLifecycle {

    private static final Logger LOG = Logger.getLogger(DispatcherLifecycle.class);

    @Inject
    KafkaConfig kafka;

    @Inject
    DispatcherConfig config;

    @Inject
    ChannelCache channels;

    @Inject
    NotificationHistory history;

    @Inject
    MeterRegistry registry;

    @Inject
    EventConsumer events;

    @Inject
    RetryConsumer retries;

    private volatile boolean stopping;
    private Thread starter;

    void onStart(@Observes StartupEvent startup) {
        TopicProvisioner.provision(kafka, KafkaAccess.Service.DISPATCHER);
        channels.start();
        history.start();
        Gauge.builder("pushmon.delivery.in.flight", () -> events.limiter().inFlight() + retries.limiter().inFlight())
                .description("Sends waiting for a receiver's answer").register(registry);
        starter = new Thread(this::startConsumersWhenChannelsAreRead, "pushmon-dispatcher-starter");
        starter.setDaemon(true);
        starter.start();
    }

    private void startConsumersWhenChannelsAreRead() {
        try {
            while (!stopping && !channels.awaitCaughtUp(Duration.ofSeconds(5))) {
                LOG.info("Waiting for the channels topic to be read before consuming events");
            }
            synchronized (this) {
                if (stopping) {
                    return;
                }
                if (config.events().enabled()) {
                    events.start();
                }
                if (config.retry().enabled()) {
                    retries.start();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        synchronized (this) {
            stopping = true;
        }
        if (starter != null) {
            starter.interrupt();
        }
        history.close();
        channels.close();
    }

    /** Ready when the caches are read and the event consumer has joined its group. */
    public boolean ready() {
        return channels.isCaughtUp() && history.isCaughtUp()
                && (!config.events().enabled() || events.assigned());
    }

    /** Alive unless a consumer or reader stopped on an error it cannot recover from. */
    public boolean alive() {
        return channels.isReading() && history.isReading() && !events.failed() && !retries.failed();
    }

    /** What readiness and liveness are made of, for the health endpoint. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("channelsRead", channels.isCaughtUp());
        details.put("deliveryLogRead", history.isCaughtUp());
        details.put("eventsAssigned", events.assigned());
        details.put("eventsUnfinished", events.unfinished());
        details.put("retriesHeld", retries.unfinished());
        return details;
    }
}

package io.pushmon.system.faults;

import static org.awaitility.Awaitility.await;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.topics.Topic;
import io.pushmon.kafka.testing.TopicClient;
import io.pushmon.kafka.testing.TopicClient.Isolation;
import io.pushmon.kafka.testing.TopicClient.Received;
import io.pushmon.system.Pause;
import io.pushmon.system.PushmonApi;
import io.pushmon.system.PushmonApi.Channel;
import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;
import io.pushmon.system.WebhookReceiver;
import io.pushmon.system.WebhookReceiver.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One scenario's own pushmon (faults must not disturb anyone else's system), a webhook receiver and one channel
 * every monitor of the scenario notifies, plus the reads a ledger needs.
 */
final class FaultRig implements AutoCloseable {

    private static final String HOOK_PATH = "/hooks/faults";

    final PushmonSystem system;
    final PushmonApi api;
    final WebhookReceiver receiver;
    private final Channel channel;

    private FaultRig(PushmonSystem system, WebhookReceiver receiver) {
        this.system = system;
        this.receiver = receiver;
        this.api = new PushmonApi(system);
        this.channel = api.createWebhookChannel("faults", receiver.url(HOOK_PATH));
    }

    static FaultRig start(PushmonSystem.Builder builder, WebhookReceiver receiver) {
        PushmonSystem system = builder.start();
        try {
            return new FaultRig(system, receiver);
        } catch (RuntimeException e) {
            system.close();
            receiver.close();
            throw e;
        }
    }

    static FaultRig start() {
        return start(PushmonSystem.builder(), WebhookReceiver.start());
    }

    /**
     * How long the scenarios' outages last: {@code -Dpushmon.faults.outage-seconds=60} for the full run,
     * 15 s by default (still well past the scenarios' monitor timeouts).
     */
    static Duration outage() {
        return Duration.ofSeconds(Long.getLong("pushmon.faults.outage-seconds", 15));
    }

    /** The public API through one gateway of a system that runs several ({@link #api} is gateway 0's). */
    PushmonApi apiVia(int gateway) {
        return new PushmonApi(system.url(Component.GATEWAY, gateway), system.apiKey());
    }

    Monitor monitor(String name, int timeoutSeconds) {
        return api.createMonitor(name, timeoutSeconds, List.of(channel.id()));
    }

    /** A cron monitor in UTC, so a scenario can compute its expected runs without the processor's calendar. */
    Monitor cronMonitor(String name, String cron, int graceSeconds) {
        return api.createCronMonitor(name, cron, "UTC", graceSeconds, List.of(channel.id()));
    }

    /** Waits until the detector reports this status for the monitor (through the gateway's merged read). */
    void awaitStatus(Monitor monitor, String status, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> status.equals(api.monitor(monitor.id()).body().path("status").asText()));
    }

    /** Every record of {@code heartbeats}, pushes and ticks, as an auditor reads it: everything written. */
    List<Received<String, Heartbeat>> heartbeats() {
        try (TopicClient topics = new TopicClient(system.kafkaBootstrap())) {
            return topics.readAll(Topic.HEARTBEATS, Isolation.UNCOMMITTED);
        }
    }

    /** {@code monitor-events} as the dispatcher sees it: read_committed. */
    List<Received<String, MonitorEvent>> committedEvents() {
        try (TopicClient topics = new TopicClient(system.kafkaBootstrap())) {
            return topics.readAll(Topic.MONITOR_EVENTS, Isolation.COMMITTED);
        }
    }

    List<Delivery> notifications() {
        return receiver.deliveries(HOOK_PATH);
    }

    @Override
    public void close() {
        try {
            system.close();
        } finally {
            receiver.close();
        }
    }

    /** Lets real time pass, e.g. an outage. */
    static void sleep(Duration duration) {
        Pause.sleep(duration);
    }

    /** Lets real time pass until {@code instant}, e.g. a cron run; returns at once if it has passed. */
    static void sleepUntil(Instant instant) {
        Pause.until(instant);
    }
}

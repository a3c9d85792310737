package io.pushmon.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.kafka.testing.TopicClient.Received;
import io.pushmon.system.WebhookReceiver.Delivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a fault scenario did and what the system made of it, counted from the outside: pushes the gateway answered
 * 200, those pushes found on {@code heartbeats}, down/up events on {@code monitor-events} (read_committed) against
 * the ones expected, and notifications at the receiver. Tests assert on its counts; {@link #print()} writes the
 * scenario's row of the table in system-tests/README.md to stdout and {@code target/faults-ledger.md}.
 */
final class Ledger {

    static final String HEADER = "| scenario | pushes 200 | lost | duplicated | downs expected | downs emitted"
            + " | doubled downs | false alarms | ups | notifications | duplicate notifications | took |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String scenario;
    private final Instant started = Instant.now();
    private int pushesAcked;
    private int lostPushes;
    private int duplicatedPushes;
    private int downsExpected;
    private int downsEmitted;
    private int doubledDowns;
    private int missedDowns;
    private int falseAlarms;
    private int ups;
    private int notifications = -1;
    private int duplicateNotifications;
    private int keyMismatches;

    Ledger(String scenario) {
        this.scenario = scenario;
    }

    /**
     * Counts the pushes: each acknowledged push carries a unique {@code msg}, so one that is absent from
     * {@code heartbeats} was lost and one that is there twice was duplicated (by a producer retry, say).
     */
    Ledger heartbeats(Collection<String> ackedMsgs, List<Received<String, Heartbeat>> heartbeats) {
        Map<String, Integer> copies = new HashMap<>();
        heartbeats.stream().map(Received::value).filter(h -> h != null && !h.isTick())
                .map(Heartbeat::msg).filter(m -> m != null)
                .forEach(m -> copies.merge(m, 1, Integer::sum));
        pushesAcked = ackedMsgs.size();
        lostPushes = (int) ackedMsgs.stream().filter(m -> !copies.containsKey(m)).count();
        duplicatedPushes = (int) copies.values().stream().filter(n -> n > 1).count();
        return this;
    }

    /**
     * Counts the down events of the scenario's monitors. A monitor in {@code expectDown} should have exactly one
     * down per incident and at least one incident; a monitor in {@code expectUp} none at all (each of its downs is
     * a false alarm). Events of other monitors are ignored.
     */
    Ledger events(Set<String> expectDown, Set<String> expectUp, List<Received<String, MonitorEvent>> events) {
        Map<String, Integer> downsPerIncident = new HashMap<>();
        Set<String> wentDown = new HashSet<>();
        downsExpected = expectDown.size();
        for (Received<String, MonitorEvent> event : events) {
            MonitorEvent value = event.value();
            String monitor = value.monitorId();
            if (!expectDown.contains(monitor) && !expectUp.contains(monitor)) {
                continue;
            }
            if (value.to() == MonitorStatus.DOWN) {
                downsEmitted++;
                wentDown.add(monitor);
                downsPerIncident.merge(monitor + ":" + value.incident(), 1, Integer::sum);
                if (expectUp.contains(monitor)) {
                    falseAlarms++;
                }
            } else if (value.to() == MonitorStatus.UP && value.from() == MonitorStatus.DOWN) {
                ups++;
            }
        }
        doubledDowns = (int) downsPerIncident.values().stream().filter(n -> n > 1).count();
        missedDowns = (int) expectDown.stream().filter(m -> !wentDown.contains(m)).count();
        return this;
    }

    /**
     * Counts notifications: a duplicate is a delivery whose {@code Idempotency-Key} arrived before; a mismatch is
     * one notification (monitor, incident, transition) that arrived under more than one key, which would defeat a
     * receiver's deduplication.
     */
    Ledger notifications(List<Delivery> deliveries) {
        notifications = deliveries.size();
        duplicateNotifications = notifications
                - (int) deliveries.stream().map(d -> d.header("Idempotency-Key")).distinct().count();
        Map<String, Set<String>> keysPerNotification = deliveries.stream().collect(Collectors.groupingBy(
                d -> notificationOf(d), Collectors.mapping(d -> d.header("Idempotency-Key"), Collectors.toSet())));
        keyMismatches = (int) keysPerNotification.values().stream().filter(keys -> keys.size() > 1).count();
        return this;
    }

    private static String notificationOf(Delivery delivery) {
        try {
            JsonNode body = JSON.readTree(delivery.body());
            return body.path("monitorId").asText() + ":" + body.path("incident").asLong() + ":"
                    + delivery.header("X-Pushmon-Event");
        } catch (IOException e) {
            throw new UncheckedIOException("a webhook body that is not JSON", e);
        }
    }

    int pushesAcked() {
        return pushesAcked;
    }

    /**
     * Issue 7's "the ledger stays exact": every acknowledged push on the topic once, every expected down emitted
     * once, and no down for a monitor that kept pushing.
     */
    void assertExact() {
        assertThat(lostPushes).as("acknowledged pushes missing from heartbeats").isZero();
        assertThat(duplicatedPushes).as("pushes on heartbeats twice").isZero();
        assertThat(missedDowns).as("expected downs not emitted").isZero();
        assertThat(doubledDowns).as("downs emitted twice").isZero();
        assertThat(falseAlarms).as("downs for monitors that kept pushing").isZero();
    }

    int lostPushes() {
        return lostPushes;
    }

    int duplicatedPushes() {
        return duplicatedPushes;
    }

    int downsEmitted() {
        return downsEmitted;
    }

    int doubledDowns() {
        return doubledDowns;
    }

    int missedDowns() {
        return missedDowns;
    }

    int falseAlarms() {
        return falseAlarms;
    }

    int ups() {
        return ups;
    }

    int duplicateNotifications() {
        return duplicateNotifications;
    }

    int keyMismatches() {
        return keyMismatches;
    }

    /** The scenario's table row, e.g. {@code | 3 processor stopped 15 s | 180 | 0 | 0 | 1 | 1 | 0 | 0 | ...}. */
    String row() {
        return "| " + scenario + " | " + pushesAcked + " | " + lostPushes + " | " + duplicatedPushes + " | "
                + downsExpected + " | " + downsEmitted + " | " + doubledDowns + " | " + falseAlarms + " | " + ups
                + " | " + (notifications < 0 ? "-" : notifications) + " | "
                + (notifications < 0 ? "-" : duplicateNotifications) + " | "
                + Duration.between(started, Instant.now()).toSeconds() + " s |";
    }

    /** Prints the row and appends it to {@code target/faults-ledger.md} (with the header when the file is new). */
    void print() {
        String row = row();
        System.out.println(HEADER + "\n" + row);
        Path file = Path.of("target", "faults-ledger.md");
        try {
            String text = Files.exists(file) ? row + "\n" : HEADER + "\n" + row + "\n";
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

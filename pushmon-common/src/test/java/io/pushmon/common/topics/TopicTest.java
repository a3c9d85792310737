package io.pushmon.common.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.pushmon.common.delivery.AttemptRecord;
import io.pushmon.common.delivery.AttemptResult;
import io.pushmon.common.delivery.DeadLetter;
import io.pushmon.common.delivery.DeliveryLogEntry;
import io.pushmon.common.delivery.DeliveryOutcome;
import io.pushmon.common.delivery.ScheduledRetry;
import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.PushStatus;
import io.pushmon.common.model.Role;
import io.pushmon.common.model.TenantDefinition;
import io.pushmon.common.model.UserAccount;

class TopicTest {

    private static final Instant AT = Instant.parse("2026-11-30T03:00:00.123Z");
    private static final MonitorEvent EVENT = new MonitorEvent("e-1", "m-1", "t-1", "nightly backup",
            MonitorStatus.UP, MonitorStatus.DOWN, EventReason.TIMEOUT, AT, 4, null, AT.minusSeconds(90), "started",
            2.5, List.of("c-1", "c-2"));
    private static final List<AttemptRecord> ATTEMPTS = List.of(
            new AttemptRecord(1, AT, AttemptResult.RETRYABLE, 503, "HTTP 503", 120),
            new AttemptRecord(2, AT.plusSeconds(30), AttemptResult.PERMANENT, 410, "HTTP 410", 80));

    /** Through the topic's own record and value methods, as a producer and a consumer would. */
    private static <K, V> V roundTrip(Topic<K, V> topic, K key, V value) {
        ProducerRecord<byte[], byte[]> written = topic.record(key, value);
        ConsumerRecord<byte[], byte[]> read = new ConsumerRecord<>(written.topic(), 0, 0L, written.key(),
                written.value());
        assertThat(topic.key(read)).isEqualTo(key);
        return topic.value(read);
    }

    @Test
    void aMonitorDefinitionSurvivesTheRoundTrip() {
        var monitor = new MonitorDefinition("m-1", "t-1", "backup", "tok", 60, 5, true, List.of("c-1"), AT, AT);

        assertThat(roundTrip(Topic.MONITORS, "m-1", monitor)).isEqualTo(monitor);
    }

    @Test
    void aMonitorsTagsSurviveTheRoundTrip() {
        var monitor = new MonitorDefinition("m-1", "t-1", "backup", "tok", 60, 5, false, List.of(), AT, AT, null, 0,
                false, null, List.of("db", "prod"));

        assertThat(roundTrip(Topic.MONITORS, "m-1", monitor).tags()).containsExactly("db", "prod");
    }

    @Test
    void aHeartbeatSurvivesTheRoundTrip() {
        var push = Heartbeat.push(PushStatus.DOWN, "disk full", 1.5, "10.0.0.9", "cron", 1_700_000_000_000L);

        assertThat(roundTrip(Topic.HEARTBEATS, "m-1", push)).isEqualTo(push);
    }

    @Test
    void aMonitorEventSurvivesTheRoundTrip() {
        assertThat(roundTrip(Topic.MONITOR_EVENTS, "m-1", EVENT)).isEqualTo(EVENT);
    }

    @Test
    void aChannelSurvivesTheRoundTrip() {
        var channel = new ChannelDefinition("c-1", "t-1", "ops", "webhook", Map.of("url", "https://example.org/h"),
                "signing-secret", AT, AT);

        assertThat(roundTrip(Topic.CHANNELS, "c-1", channel)).isEqualTo(channel);
    }

    @Test
    void aTenantSurvivesTheRoundTrip() {
        var tenant = new TenantDefinition("t-1", "Acme", List.of(new TenantDefinition.ApiKey("k-1", "ab12", true, AT)),
                AT);

        assertThat(roundTrip(Topic.TENANTS, "t-1", tenant)).isEqualTo(tenant);
    }

    @Test
    void aTenantsBadgeKeySurvivesTheRoundTripAndStaysOutOfItsStringForm() {
        var tenant = new TenantDefinition("t-1", "Acme", List.of(), AT).withBadgeKey("badge-key-0123456789ab");

        assertThat(roundTrip(Topic.TENANTS, "t-1", tenant).badgeKey()).isEqualTo("badge-key-0123456789ab");
        assertThat(tenant.toString()).doesNotContain("badge-key-0123456789ab");
    }

    @Test
    void aTenantsStatusPageSurvivesTheRoundTripInItsOrder() {
        var page = new TenantDefinition.StatusPage(true, "acme", "Acme status", List.of("m-2", "m-1"));
        var tenant = new TenantDefinition("t-1", "Acme", List.of(), AT).withStatusPage(page);

        assertThat(roundTrip(Topic.TENANTS, "t-1", tenant).statusPage()).isEqualTo(page);
        assertThat(roundTrip(Topic.TENANTS, "t-1", new TenantDefinition("t-1", "Acme", List.of(), AT)).statusPage())
                .as("a tenant from before status pages").isNull();
    }

    @Test
    void aUserSurvivesTheRoundTripAndHidesItsHashes() {
        var user = new UserAccount("usr_1", "ann@example.org", "$argon2id$secret-hash", true,
                List.of(new UserAccount.Membership("t-1", Role.ADMIN)),
                List.of(new UserAccount.PendingToken("cafe01", UserAccount.Purpose.RESET, AT)),
                List.of(new UserAccount.Invitation("beef02", "t-2", Role.MEMBER, "user:usr_2", AT)), 3, AT);

        assertThat(roundTrip(Topic.USERS, "usr_1", user)).isEqualTo(user);
        assertThat(user.toString()).doesNotContain("secret-hash", "cafe01", "beef02");
    }

    @Test
    void aScheduledRetrySurvivesTheRoundTrip() {
        var retry = new ScheduledRetry("m-1:4:down:c-1", EVENT, "c-1", 3, AT.plusSeconds(60), ATTEMPTS);

        assertThat(roundTrip(Topic.NOTIFICATION_RETRIES, retry.idempotencyKey(), retry)).isEqualTo(retry);
    }

    @Test
    void aDeadLetterSurvivesTheRoundTrip() {
        var dead = new DeadLetter("m-1:4:down:c-1", EVENT, "c-1", "webhook", "rejected", ATTEMPTS, AT);

        assertThat(roundTrip(Topic.NOTIFICATION_DEAD_LETTERS, dead.idempotencyKey(), dead)).isEqualTo(dead);
    }

    @Test
    void aDeliveryLogEntrySurvivesTheRoundTrip() {
        var entry = new DeliveryLogEntry("m-1", "t-1", "c-1", "webhook", "e-1", 4, "down", "m-1:4:down:c-1", 2,
                DeliveryOutcome.FAILED, 410, "HTTP 410", AT, 80);

        assertThat(roundTrip(Topic.NOTIFICATION_LOG, "m-1", entry)).isEqualTo(entry);
    }

    @Test
    void aTombstoneIsANullValue() {
        ProducerRecord<byte[], byte[]> written = Topic.MONITORS.record("m-1", null);

        assertThat(written.value()).isNull();
        assertThat(written.key()).isEqualTo("m-1".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDefinitionAsTodaysGatewayWritesItIsRead() {
        var json = "{\"id\":\"m-1\",\"tenantId\":\"default\",\"name\":\"backup\",\"pushToken\":\"tok\","
                + "\"timeoutSeconds\":60,\"graceSeconds\":10,\"paused\":false,\"channelIds\":[\"c-1\"],"
                + "\"createdAt\":\"2026-11-30T03:00:00.123Z\",\"updatedAt\":\"2026-11-30T03:00:00.123Z\"}";
        var record = new ConsumerRecord<>("monitors", 0, 0L, "m-1".getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));

        assertThat(Topic.MONITORS.value(record)).isEqualTo(
                new MonitorDefinition("m-1", "default", "backup", "tok", 60, 10, false, List.of("c-1"), AT, AT));
        assertThat(Topic.MONITORS.value(record).tags()).as("a record from before tags").isEmpty();
    }

    @Test
    void aRecordForAPartitionKeepsIt() {
        assertThat(Topic.HEARTBEATS.record(2, "__tick", Heartbeat.tick(1L)).partition()).isEqualTo(2);
    }

    @Test
    void everyTopicHasItsOwnName() {
        assertThat(Topic.all()).extracting(Topic::topicName).doesNotHaveDuplicates().hasSize(14);
    }

    @Test
    void onlyMonitorsAndHeartbeatsAreCoPartitioned() {
        assertThat(Topic.all()).filteredOn(Topic::coPartitioned).containsExactly(Topic.MONITORS, Topic.HEARTBEATS);
    }

    @Test
    void heartbeatsCarryBrokerTime() {
        assertThat(Topic.HEARTBEATS.configs()).containsEntry("message.timestamp.type", "LogAppendTime")
                .containsEntry("cleanup.policy", "delete");
    }
}

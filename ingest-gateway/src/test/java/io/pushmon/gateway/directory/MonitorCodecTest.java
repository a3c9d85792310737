package io.pushmon.gateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.AlertPolicy;
import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.gateway.push.PushTokens;

class MonitorCodecTest {

    private static final Instant CREATED = Instant.parse("2025-03-01T10:15:30.123Z");
    private static final Instant UPDATED = Instant.parse("2025-03-02T11:00:00Z");

    private final MonitorCodec codec = new MonitorCodec();

    @Test
    void aMonitorTheApiCreatedComesBackEqualFromAboutAHundredBytes() {
        String id = UUID.randomUUID().toString();
        MonitorDefinition monitor = new MonitorDefinition(id, "tenant-a", "nightly backup", PushTokens.generate(),
                3600, 300, false, List.of(UUID.randomUUID().toString()), CREATED, UPDATED);

        byte[] record = codec.encode(id, monitor);

        assertThat(codec.decode(record)).isEqualTo(monitor);
        assertThat(record[0] & (MonitorCodec.UUID_KEY | MonitorCodec.RAW_TOKEN))
                .as("id and token kept as raw bytes").isEqualTo(MonitorCodec.UUID_KEY | MonitorCodec.RAW_TOKEN);
        assertThat(record.length).isLessThan(100);
    }

    @Test
    void aCronMonitorComesBackWithItsSchedule() {
        String id = UUID.randomUUID().toString();
        MonitorDefinition monitor = new MonitorDefinition(id, "tenant-a", "nightly backup", PushTokens.generate(),
                0, 600, true, List.of(), CREATED, UPDATED, new CronSchedule("0 3 * * *", "Europe/Berlin"));

        byte[] record = codec.encode(id, monitor);

        assertThat(codec.decode(record)).isEqualTo(monitor);
        assertThat(codec.pushTarget(record)).isEqualTo(new PushTarget(id, "tenant-a", true));
    }

    @Test
    void aSuspendedMonitorWithAPreviousTokenComesBackWhole() {
        String id = UUID.randomUUID().toString();
        MonitorDefinition monitor = new MonitorDefinition(id, "tenant-a", "rotated", PushTokens.generate(), 60, 0,
                false, List.of(), CREATED, UPDATED, null, 0, true,
                new MonitorDefinition.PreviousToken(PushTokens.generate(), UPDATED.plusSeconds(86_400)));

        byte[] record = codec.encode(id, monitor);

        assertThat(codec.decode(record)).isEqualTo(monitor);
        assertThat(codec.pushTarget(record)).isEqualTo(new PushTarget(id, "tenant-a", false));
        assertThat(codec.decode(codec.encode(id, monitor.withSuspended(false, UPDATED)
                .withPushToken(monitor.pushToken(), null, UPDATED))).suspended()).isFalse();
    }

    @Test
    void tagsComeBackInOrderAndCostAByteEachOnceSeen() {
        String id = UUID.randomUUID().toString();
        MonitorDefinition untagged = new MonitorDefinition(id, "tenant-a", "nightly backup", PushTokens.generate(),
                3600, 300, false, List.of(), CREATED, UPDATED);
        MonitorDefinition tagged = withTags(untagged, List.of("backup", "db.primary", "prod"));
        codec.encode("other", withTags(untagged, List.of("prod", "db.primary", "backup")));

        byte[] record = codec.encode(id, tagged);

        assertThat(codec.decode(record)).isEqualTo(tagged);
        assertThat(codec.decode(record).tags()).containsExactly("backup", "db.primary", "prod");
        assertThat(record.length - codec.encode(id, untagged).length).as("trailer flags, count, three numbers")
                .isEqualTo(5);
        assertThat(codec.pushTarget(record)).isEqualTo(new PushTarget(id, "tenant-a", false));
    }

    @Test
    void tagsSitInTheTrailerBesideASuspensionAndAPreviousToken() {
        String id = UUID.randomUUID().toString();
        MonitorDefinition monitor = new MonitorDefinition(id, "tenant-a", "rotated", PushTokens.generate(), 60, 0,
                true, List.of("c1"), CREATED, UPDATED, new CronSchedule("@daily", "UTC"), 90, true,
                new MonitorDefinition.PreviousToken(PushTokens.generate(), UPDATED.plusSeconds(60)), List.of("ops"));

        assertThat(codec.decode(codec.encode(id, monitor))).isEqualTo(monitor);
        MonitorDefinition released = monitor.withSuspended(false, UPDATED).withPushToken(monitor.pushToken(), null,
                UPDATED);
        assertThat(codec.decode(codec.encode(id, released)).tags()).containsExactly("ops");
    }

    @Test
    void anAlertPolicySitsInTheTrailerAndTheDefaultCostsNothing() {
        String id = UUID.randomUUID().toString();
        MonitorDefinition plain = new MonitorDefinition(id, "tenant-a", "flaky", PushTokens.generate(), 60, 0,
                false, List.of(), CREATED, UPDATED, null, 0, false, null, List.of("ops"));
        MonitorDefinition withPolicy = new MonitorDefinition(id, "tenant-a", "flaky", plain.pushToken(), 60, 0,
                false, List.of(), CREATED, UPDATED, null, 0, false, null, List.of("ops"),
                new AlertPolicy(3, 2, 3600, 5));

        byte[] record = codec.encode(id, withPolicy);

        assertThat(codec.decode(record)).isEqualTo(withPolicy);
        assertThat(codec.decode(record).withPaused(true, UPDATED).alertPolicy()).isEqualTo(withPolicy.alertPolicy());
        assertThat(record.length - codec.encode(id, plain).length).as("four numbers").isEqualTo(5);
        assertThat(codec.decode(codec.encode(id, plain)).alertPolicy()).isEqualTo(AlertPolicy.DEFAULT);
    }

    @Test
    void aMonitorWithoutTagsDecodesWithAnEmptyList() {
        MonitorDefinition monitor = monitor("m", "tok");

        assertThat(codec.decode(codec.encode("m", monitor)).tags()).isEmpty();
    }

    @Test
    void idsAndTokensThatAreNotInCanonicalFormComeBackUnchanged() {
        for (String id : List.of("monitor-1", "", "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "1-1-1-1-1",
                "3f2504e0-4f89-11d3-9a0c-0305e82c33011", "ключ ✓ 🙂")) {
            for (String token : List.of("short", "", "A".repeat(31) + "=", "A".repeat(33), "ä".repeat(32))) {
                MonitorDefinition monitor = monitor(id, token);
                assertThat(codec.decode(codec.encode(id, monitor))).isEqualTo(monitor);
            }
        }
    }

    @Test
    void unicodeNamesIncludingALoneSurrogateComeBackUnchanged() {
        for (String name : List.of("Sauvegarde nocturne é", "日本語のモニター", "emoji 🙂 and more 🚀", "lone \ud800 high",
                "lone \udc00 low", "\udbff", "")) {
            MonitorDefinition monitor = new MonitorDefinition("m", "t", name, "token", 60, 0, false, List.of(),
                    CREATED, UPDATED);
            assertThat(codec.decode(codec.encode("m", monitor)).name()).isEqualTo(name);
        }
    }

    @Test
    void nullFieldsAndExtremeNumbersComeBackUnchanged() {
        MonitorDefinition monitor = new MonitorDefinition(null, null, null, null, Long.MIN_VALUE, -1, true, null,
                null, null);
        assertThat(codec.decode(codec.encode("key", monitor))).isEqualTo(monitor);

        MonitorDefinition big = new MonitorDefinition("key", "t", "n", "tok", Long.MAX_VALUE, Long.MIN_VALUE, false,
                List.of(), Instant.MIN, Instant.MAX);
        assertThat(codec.decode(codec.encode("key", big))).isEqualTo(big);
    }

    @Test
    void timestampsWithNanosecondsOrBeforeTheEpochComeBackUnchanged() {
        for (Instant instant : List.of(Instant.EPOCH, Instant.ofEpochSecond(-1, 999_999_999),
                Instant.parse("1900-01-01T00:00:00.000000001Z"), Instant.parse("2025-03-01T10:15:30.123456Z"),
                Instant.ofEpochSecond(1L << 41))) {
            MonitorDefinition monitor = new MonitorDefinition("m", "t", "n", "tok", 1, 1, false, List.of(), instant,
                    instant);
            assertThat(codec.decode(codec.encode("m", monitor))).isEqualTo(monitor);
        }
    }

    @Test
    void aDefinitionWhoseIdDiffersFromTheRecordKeyKeepsBoth() {
        MonitorDefinition monitor = monitor("the-id-inside", "tok");
        byte[] record = codec.encode("the-record-key", monitor);

        assertThat(codec.decode(record).id()).isEqualTo("the-id-inside");
        assertThat(MonitorKeys.BY_KEY.equals(record, MonitorCodec.keyProbe("the-record-key"))).isTrue();
        assertThat(MonitorCodec.tenantNumberOf(record)).isEqualTo(codec.tenantNumber("tenant"));
    }

    @Test
    void manyChannelsAndTenantsAreKeptInOrderAsSmallNumbers() {
        List<String> channels = IntStream.range(0, 300).mapToObj(i -> "channel-" + i).toList();
        for (int tenant = 0; tenant < 200; tenant++) {
            MonitorDefinition monitor = new MonitorDefinition("m" + tenant, "tenant-" + tenant, "n", "tok", 60, 0,
                    false, tenant % 2 == 0 ? channels : reversed(channels), CREATED, UPDATED);
            byte[] record = codec.encode("m" + tenant, monitor);
            assertThat(codec.decode(record)).isEqualTo(monitor);
            assertThat(MonitorCodec.tenantNumberOf(record)).isEqualTo(codec.tenantNumber("tenant-" + tenant));
        }
        assertThat(codec.tenantNumber("never-seen")).isNegative();
    }

    @Test
    void aProbeMatchesTheRecordWithTheSameKeyOrTokenAndNoOther() {
        String id = UUID.randomUUID().toString();
        String token = PushTokens.generate();
        byte[] record = codec.encode(id, monitor(id, token));

        assertThat(MonitorKeys.BY_KEY.equals(record, MonitorCodec.keyProbe(id))).isTrue();
        assertThat(MonitorKeys.BY_KEY.hashCode(record)).isEqualTo(MonitorKeys.BY_KEY.hashCode(MonitorCodec.keyProbe(id)));
        assertThat(MonitorKeys.BY_KEY.equals(record, MonitorCodec.keyProbe(id.toUpperCase()))).isFalse();
        assertThat(MonitorKeys.BY_TOKEN.equals(record, MonitorCodec.tokenProbe(token))).isTrue();
        assertThat(MonitorKeys.BY_TOKEN.hashCode(record))
                .isEqualTo(MonitorKeys.BY_TOKEN.hashCode(MonitorCodec.tokenProbe(token)));
        assertThat(MonitorKeys.BY_TOKEN.equals(record, MonitorCodec.tokenProbe(PushTokens.generate()))).isFalse();
        assertThat(MonitorKeys.BY_KEY.equals(record, null)).isFalse();
    }

    private static MonitorDefinition withTags(MonitorDefinition m, List<String> tags) {
        return new MonitorDefinition(m.id(), m.tenantId(), m.name(), m.pushToken(), m.timeoutSeconds(),
                m.graceSeconds(), m.paused(), m.channelIds(), m.createdAt(), m.updatedAt(), m.cron(),
                m.maxRuntimeSeconds(), m.suspended(), m.previousToken(), tags);
    }

    private static List<String> reversed(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        Collections.reverse(copy);
        return copy;
    }

    private static MonitorDefinition monitor(String id, String token) {
        return new MonitorDefinition(id, "tenant", "name", token, 60, 5, false, List.of("c1", "c2"), CREATED,
                UPDATED);
    }
}

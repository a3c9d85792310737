package io.pushmon.processor.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.serde.JsonSerde;

/** The monitor-state store's values: binary format 1, and the JSON of the releases before it. */
class MonitorStateCodecTest {

    @SuppressWarnings("unchecked")
    private static final Serde<MonitorState> SERDE = (Serde<MonitorState>) DetectorStore.MONITOR_STATE.valueSerde();
    private static final String TOPIC = "pushmon-processor-monitor-state-changelog";
    /** 2030-01-01T00:00:00Z: times in epoch millis take their real size. */
    private static final long T0 = 1_893_456_000_000L;

    private static MonitorState roundTrip(MonitorState state) {
        return SERDE.deserializer().deserialize(TOPIC, SERDE.serializer().serialize(TOPIC, state));
    }

    /** Every field set: a cron job that runs often, down after failed runs, with runs still open. */
    static MonitorState fullyPopulated() {
        List<String> channels = List.of(uuid(1), uuid(2), uuid(3), uuid(4), uuid(5), uuid(6), uuid(7), uuid(8),
                "slack-ops", "Pager Ümlaut");
        return new MonitorState(uuid(0), "acme-gmbh", "Sauvegarde nocturne — données 東京 🚀", 0, 900, true,
                channels, MonitorStatus.DOWN, T0 + 123_456, "exit 137: Grüße aus dem Speicher ✗", -12.5, T0 + 123_456,
                T0 + 1_023_456, 41, T0 + 60_000, 1_234_567, new CronSchedule("*/15 2-5 * * 1-5", "Europe/Berlin"),
                3_600, List.of(new OpenRun(uuid(9), T0 + 200_000), new OpenRun(null, T0 + 300_000),
                        new OpenRun("run-ü", T0 + 400_000)),
                98_765L, 137, new Streak(3, 2, 2, 1));
    }

    /** Every nullable field null and every list empty: a monitor just defined. */
    static MonitorState minimal() {
        return new MonitorState(uuid(0), "default", "job", 60, 30, false, List.of(), MonitorStatus.NEW, null, null,
                null, null, null, 0, null, 0, null, 0, List.of(), null, null, Streak.DEFAULT);
    }

    /** What most of a million monitors hold: up, pushed on time, one channel, deadline armed. */
    static MonitorState typical() {
        return new MonitorState(UUID.randomUUID().toString(), "default", "nightly-backup-db-eu1", 300, 60, false,
                List.of(UUID.randomUUID().toString()), MonitorStatus.UP, T0 + 86_400_123L, null, null,
                T0 + 86_400_123L, T0 + 86_760_123L, 2, null, 1_234, null, 0, List.of(), null, null, Streak.DEFAULT);
    }

    static String uuid(int n) {
        return new UUID(0x3f2504e04f8911d3L + n, 0x9a0c0305e82c3301L * (n + 1)).toString();
    }

    @Test
    void aFullyPopulatedStateSurvivesTheRoundTrip() {
        assertThat(roundTrip(fullyPopulated())).isEqualTo(fullyPopulated());
    }

    @Test
    void aStateWithEveryNullableFieldNullSurvivesTheRoundTrip() {
        assertThat(roundTrip(minimal())).isEqualTo(minimal());
    }

    @Test
    void idsThatAreNotCanonicalUuidsKeepTheirExactText() {
        List<String> ids = List.of("backup-db", "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
                "3f2504e04f8911d39a0c0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c330g", "",
                "3f2504e0x4f89-11d3-9a0c-0305e82c3301");
        MonitorState state = new MonitorState("backup-db", "default", ids.get(1), 60, 30, false, ids,
                MonitorStatus.UP, null, ids.get(2), null, null, null, 0, null, 0, null, 0,
                List.of(new OpenRun(ids.get(1), T0)), null, null, Streak.DEFAULT);

        assertThat(roundTrip(state)).isEqualTo(state);
    }

    @Test
    void numbersAtTheirLimitsSurviveTheRoundTrip() {
        MonitorState state = new MonitorState(uuid(0), "default", "job", Long.MAX_VALUE, Long.MIN_VALUE, false,
                List.of(), MonitorStatus.UP, Long.MIN_VALUE, null, -0.0, -1L, Long.MAX_VALUE, Long.MAX_VALUE, 0L,
                Long.MAX_VALUE, null, -1, List.of(new OpenRun(null, Long.MIN_VALUE)), Long.MIN_VALUE,
                Integer.MIN_VALUE, new Streak(Integer.MAX_VALUE, Integer.MAX_VALUE, 1, 0));
        MonitorState notANumber = state.withPush(0, null, Double.NaN);

        assertThat(roundTrip(state)).isEqualTo(state);
        assertThat(roundTrip(state).lastValue()).as("negative zero stays negative").isEqualTo(-0.0);
        assertThat(roundTrip(notANumber).lastValue()).isNaN();
    }

    @Test
    void everyStatusSurvivesTheRoundTrip() {
        for (MonitorStatus status : MonitorStatus.values()) {
            MonitorState state = new MonitorState(uuid(0), "default", "job", 60, 30, false, List.of(), status, null,
                    null, null, null, null, 0, null, 0, null, 0, List.of(), null, null, Streak.DEFAULT);

            assertThat(roundTrip(state).status()).isEqualTo(status);
        }
    }

    @Test
    void aStateIsWrittenInBinaryFormatOne() {
        byte[] bytes = SERDE.serializer().serialize(TOPIC, fullyPopulated());

        assertThat(bytes[0]).isEqualTo(StateSerde.FORMAT_1);
    }

    @Test
    void aStateWrittenAsJsonByThePreviousReleaseIsStillRead() {
        try (JsonSerde<MonitorState> previousRelease = new JsonSerde<>(MonitorState.class)) {
            for (MonitorState state : List.of(fullyPopulated(), minimal(), typical())) {
                byte[] json = previousRelease.serialize(TOPIC, state);

                assertThat(SERDE.deserializer().deserialize(TOPIC, json)).isEqualTo(state);
            }
        }
    }

    /** Written out as the previous release's JsonSerde wrote it, so a later change of the JSON writer cannot hide a break. */
    @Test
    void aStateInThePreviousReleasesLiteralJsonIsStillRead() {
        String json = "{\"monitorId\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\",\"tenantId\":\"acme-gmbh\","
                + "\"name\":\"Sauvegarde nocturne — données 東京 \\uD83D\\uDE80\",\"timeoutSeconds\":0,"
                + "\"graceSeconds\":900,\"paused\":true,\"channelIds\":[\"3f2504e0-4f89-11d4-3418-060bd0586602\","
                + "\"3f2504e0-4f89-11d5-ce24-0911b8849903\",\"3f2504e0-4f89-11d6-6830-0c17a0b0cc04\","
                + "\"3f2504e0-4f89-11d7-023c-0f1d88dcff05\",\"3f2504e0-4f89-11d8-9c48-122371093206\","
                + "\"3f2504e0-4f89-11d9-3654-152959356507\",\"3f2504e0-4f89-11da-d060-182f41619808\","
                + "\"3f2504e0-4f89-11db-6a6c-1b35298dcb09\",\"slack-ops\",\"Pager Ümlaut\"],\"status\":\"down\","
                + "\"lastHeartbeatAt\":1893456123456,\"lastMsg\":\"exit 137: Grüße aus dem Speicher ✗\","
                + "\"lastValue\":-12.5,\"armedAt\":1893456123456,\"deadline\":1893457023456,\"incident\":41,"
                + "\"downSince\":1893456060000,\"heartbeatCount\":1234567,"
                + "\"cron\":{\"expression\":\"*/15 2-5 * * 1-5\",\"timeZone\":\"Europe/Berlin\"},"
                + "\"maxRuntimeSeconds\":3600,\"runs\":[{\"rid\":\"3f2504e0-4f89-11dc-0478-1e3b11b9fe0a\","
                + "\"startedAt\":1893456200000},{\"startedAt\":1893456300000},{\"rid\":\"run-ü\","
                + "\"startedAt\":1893456400000}],\"lastDurationMillis\":98765,\"lastExitStatus\":137,"
                + "\"streak\":{\"failureThreshold\":3,\"failures\":2,\"recoveryThreshold\":2,\"recoveries\":1}}";

        MonitorState read = SERDE.deserializer().deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(fullyPopulated());
    }

    @Test
    void aTypicalStateTakesWellUnderThreeHundredBytes() {
        MonitorState state = typical();
        int binary;
        int json;
        try (JsonSerde<MonitorState> previousRelease = new JsonSerde<>(MonitorState.class)) {
            binary = SERDE.serializer().serialize(TOPIC, state).length;
            json = previousRelease.serialize(TOPIC, state).length;
        }

        System.out.printf("monitor-state, typical value: JSON %d B, binary %d B%n", json, binary);
        assertThat(binary).isLessThanOrEqualTo(120).isLessThan(json / 3);
    }
}

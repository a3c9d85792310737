package io.pushmon.processor.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.PushStatus;
import io.pushmon.common.serde.JsonSerde;

/** The heartbeat-history store's values: binary format 1, and the JSON of the releases before it. */
class HeartbeatEntryCodecTest {

    @SuppressWarnings("unchecked")
    private static final Serde<HeartbeatEntry> SERDE =
            (Serde<HeartbeatEntry>) DetectorStore.HEARTBEAT_HISTORY.valueSerde();
    private static final String TOPIC = "pushmon-processor-heartbeat-history-changelog";
    private static final long T0 = 1_893_456_000_000L;

    private static HeartbeatEntry roundTrip(HeartbeatEntry entry) {
        return SERDE.deserializer().deserialize(TOPIC, SERDE.serializer().serialize(TOPIC, entry));
    }

    /** A run that ended with a failure, paired with its start, and posted a body. */
    static HeartbeatEntry fullyPopulated() {
        return new HeartbeatEntry(1_234_567, T0 + 123_456, PushStatus.DOWN, "pg_dump: Fehler — 磁盘已满 💾", 97.25, 2,
                "3f2504e0-4f89-11d3-9a0c-0305e82c3301", 3_723_000L, 10_000);
    }

    /** A plain push: what nearly every slot of the ring holds. */
    static HeartbeatEntry typical() {
        return new HeartbeatEntry(1_233, T0 + 86_400_123L, PushStatus.UP, null, null, null, null, null, 0);
    }

    @Test
    void aFullyPopulatedEntrySurvivesTheRoundTrip() {
        assertThat(roundTrip(fullyPopulated())).isEqualTo(fullyPopulated());
    }

    @Test
    void anEntryWithEveryNullableFieldNullSurvivesTheRoundTrip() {
        HeartbeatEntry entry = new HeartbeatEntry(0, 0, null, null, null, null, null, null, 0);

        assertThat(roundTrip(entry)).isEqualTo(entry);
    }

    @Test
    void everyPushStatusSurvivesTheRoundTrip() {
        for (PushStatus status : PushStatus.values()) {
            HeartbeatEntry entry = new HeartbeatEntry(7, T0, status, null, null, null, "run-7", null, 0);

            assertThat(roundTrip(entry).status()).isEqualTo(status);
        }
    }

    @Test
    void anEntryWrittenAsJsonByThePreviousReleaseIsStillRead() {
        try (JsonSerde<HeartbeatEntry> previousRelease = new JsonSerde<>(HeartbeatEntry.class)) {
            for (HeartbeatEntry entry : List.of(fullyPopulated(), typical())) {
                byte[] json = previousRelease.serialize(TOPIC, entry);

                assertThat(SERDE.deserializer().deserialize(TOPIC, json)).isEqualTo(entry);
            }
        }
    }

    /** Written out as the previous release's JsonSerde wrote it, so a later change of the JSON writer cannot hide a break. */
    @Test
    void anEntryInThePreviousReleasesLiteralJsonIsStillRead() {
        String json = "{\"seq\":1234567,\"at\":1893456123456,\"status\":\"down\","
                + "\"msg\":\"pg_dump: Fehler — 磁盘已满 \\uD83D\\uDCBE\",\"value\":97.25,\"exitStatus\":2,"
                + "\"rid\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\",\"durationMillis\":3723000,\"bodySize\":10000}";

        HeartbeatEntry read = SERDE.deserializer().deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(fullyPopulated());
    }

    @Test
    void aTypicalEntryTakesAFractionOfItsJson() {
        int binary;
        int json;
        try (JsonSerde<HeartbeatEntry> previousRelease = new JsonSerde<>(HeartbeatEntry.class)) {
            binary = SERDE.serializer().serialize(TOPIC, typical()).length;
            json = previousRelease.serialize(TOPIC, typical()).length;
        }

        System.out.printf("heartbeat-history, typical value: JSON %d B, binary %d B%n", json, binary);
        assertThat(binary).isLessThanOrEqualTo(16).isLessThan(json / 3);
    }
}

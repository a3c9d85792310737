package io.pushmon.common.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.PushStatus;

class HeartbeatSerdeTest {

    private final HeartbeatSerde serde = new HeartbeatSerde();

    private Heartbeat roundTrip(Heartbeat heartbeat) {
        return serde.deserialize("heartbeats", serde.serialize("heartbeats", heartbeat));
    }

    @Test
    void aPushWithEveryFieldSurvivesTheRoundTrip() {
        var push = Heartbeat.push(PushStatus.DOWN, "backup failed", -12.5, "2001:db8::1", "curl/8.5", 1_700_000_000_123L);

        assertThat(roundTrip(push)).isEqualTo(push);
    }

    @Test
    void aPushWithNoOptionalFieldSurvivesTheRoundTrip() {
        var push = Heartbeat.push(PushStatus.UP, null, null, null, null, 42L);

        assertThat(roundTrip(push)).isEqualTo(push);
    }

    @Test
    void aTickSurvivesTheRoundTrip() {
        var tick = Heartbeat.tick(1_700_000_000_000L);

        assertThat(roundTrip(tick)).isEqualTo(tick);
    }

    @Test
    void aLongMultiByteMessageSurvivesTheRoundTrip() {
        var msg = "Grüße 🚀 ".repeat(100);
        var push = Heartbeat.push(PushStatus.UP, msg, Double.MIN_VALUE, "10.0.0.1", "ü".repeat(256), 1L);

        assertThat(roundTrip(push)).isEqualTo(push);
    }

    @Test
    void aPushIsWrittenInFormatOne() {
        byte[] bytes = serde.serialize("heartbeats", Heartbeat.push(PushStatus.UP, null, null, null, null, 1L));

        assertThat(bytes).hasSize(12);
        assertThat(bytes[0]).isEqualTo(HeartbeatSerde.FORMAT_1);
    }

    @Test
    void aJsonPushOfAnOlderGatewayIsRead() {
        var json = "{\"kind\":\"push\",\"status\":\"down\",\"msg\":\"disk full\",\"value\":12.5,"
                + "\"clientIp\":\"10.1.2.3\",\"userAgent\":\"curl/8\",\"receivedAt\":1700000000000}";

        var read = serde.deserialize("heartbeats", json.getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(Heartbeat.push(PushStatus.DOWN, "disk full", 12.5, "10.1.2.3", "curl/8",
                1_700_000_000_000L));
    }

    @Test
    void aJsonTickOfAnOlderGatewayIsRead() {
        var json = "{\"kind\":\"tick\",\"receivedAt\":1700000000000}";

        assertThat(serde.deserialize("heartbeats", json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Heartbeat.tick(1_700_000_000_000L));
    }

    @Test
    void fieldsANewerWriterAppendsAreIgnored() {
        var push = Heartbeat.push(PushStatus.UP, "ok", 3.0, null, null, 7L);
        byte[] bytes = serde.serialize("heartbeats", push);
        byte[] newer = Arrays.copyOf(bytes, bytes.length + 5);
        newer[3] |= (byte) 0x80;

        assertThat(serde.deserialize("heartbeats", newer)).isEqualTo(push);
    }

    @Test
    void aRunsEndWithExitStatusRunIdAndBodySurvivesTheRoundTrip() {
        byte[] output = { 'o', 'k', (byte) 0xff, 0 };
        var end = Heartbeat.signal(PushStatus.DOWN, null, null, 255, "3f2504e0-4f89-11d3-9a0c-0305e82c3301", output,
                "10.0.0.1", "curl/8", 9L);

        byte[] bytes = serde.serialize("heartbeats", end);

        assertThat(bytes[0]).as("a format-1 reader sees the down push it also is").isEqualTo(HeartbeatSerde.FORMAT_1);
        assertThat(roundTrip(end)).isEqualTo(end);
    }

    @Test
    void startAndLogAreWrittenInFormatTwoSoAnOlderReaderRefusesThem() {
        var start = Heartbeat.signal(PushStatus.START, null, null, null, null, null, null, null, 1L);
        var log = Heartbeat.signal(PushStatus.LOG, "halfway", null, null, null, new byte[] { 1 }, null, null, 2L);

        assertThat(serde.serialize("heartbeats", start)[0]).isEqualTo(HeartbeatSerde.FORMAT_2);
        assertThat(roundTrip(start)).isEqualTo(start);
        assertThat(roundTrip(log)).isEqualTo(log);
    }

    @Test
    void aStartInFormatOneIsRefusedRatherThanReadAsASuccess() {
        byte[] bytes = serde.serialize("heartbeats", Heartbeat.signal(PushStatus.START, null, null, null, null, null,
                null, null, 1L));
        bytes[0] = HeartbeatSerde.FORMAT_1;

        assertThatThrownBy(() -> serde.deserialize("heartbeats", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown status 3");
    }

    @Test
    void theBodyIsNotShownByToString() {
        var push = Heartbeat.signal(PushStatus.UP, null, null, 0, null, "password=hunter2".getBytes(), null, null, 1L);

        assertThat(push.toString()).doesNotContain("hunter2").contains("bodySize=16");
    }

    @Test
    void anUnknownFormatIsASerializationError() {
        byte[] bytes = serde.serialize("heartbeats", Heartbeat.tick(1L));
        bytes[0] = 9;

        assertThatThrownBy(() -> serde.deserialize("heartbeats", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format 9");
    }

    @Test
    void anUnknownKindIsRefusedRatherThanReadAsAPush() {
        byte[] bytes = serde.serialize("heartbeats", Heartbeat.tick(1L));
        bytes[1] = 5;

        assertThatThrownBy(() -> serde.deserialize("heartbeats", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown kind 5");
    }

    @Test
    void aTruncatedRecordIsASerializationError() {
        byte[] bytes = serde.serialize("heartbeats", Heartbeat.push(PushStatus.UP, "message", null, null, null, 1L));

        assertThatThrownBy(() -> serde.deserialize("heartbeats", Arrays.copyOf(bytes, bytes.length - 2)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated");
    }

    @Test
    void aNullValueIsATombstoneBothWays() {
        assertThat(serde.serialize("heartbeats", null)).isNull();
        assertThat(serde.deserialize("heartbeats", null)).isNull();
    }
}

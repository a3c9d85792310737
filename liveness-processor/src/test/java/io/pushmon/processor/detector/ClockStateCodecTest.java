package io.pushmon.processor.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.ByteUtils;
import org.junit.jupiter.api.Test;

import io.pushmon.processor.time.ClockState;

/** The detector-clock store's values: binary format 2, and format 1 and the JSON of the releases before it. */
class ClockStateCodecTest {

    @SuppressWarnings("unchecked")
    private static final Serde<ClockState> SERDE = (Serde<ClockState>) DetectorStore.DETECTOR_CLOCK.valueSerde();
    private static final String TOPIC = "pushmon-processor-detector-clock-changelog";

    private static ClockState roundTrip(ClockState clock) {
        return SERDE.deserializer().deserialize(TOPIC, SERDE.serializer().serialize(TOPIC, clock));
    }

    @Test
    void theInitialClockSurvivesTheRoundTrip() {
        assertThat(roundTrip(ClockState.INITIAL)).isEqualTo(ClockState.INITIAL);
    }

    @Test
    void aClockWithEveryFieldSetSurvivesTheRoundTrip() {
        ClockState clock = new ClockState(1_893_456_000_123L, 250_000L);

        assertThat(roundTrip(clock)).isEqualTo(clock);
    }

    @Test
    void aClockIsWrittenInFormatTwo() {
        byte[] bytes = SERDE.serializer().serialize(TOPIC, new ClockState(1_893_456_000_123L, 250_000L));

        assertThat(bytes[0]).isEqualTo((byte) ClockStateCodec.FORMAT_2);
    }

    /**
     * Format 1 as the previous release wrote it, byte by byte: flags 3, heartbeat time, the deadline bound it kept
     * then (read past), the monitor count.
     */
    @Test
    void aClockInFormatOneIsReadWithoutItsDeadlineBound() {
        ByteBuffer bytes = ByteBuffer.allocate(32).put((byte) 1);
        ByteUtils.writeUnsignedVarint(3, bytes);
        ByteUtils.writeVarlong(1_893_456_000_123L, bytes);
        ByteUtils.writeVarlong(1_893_456_090_000L, bytes);
        ByteUtils.writeVarlong(250_000L, bytes);
        byte[] formatOne = Arrays.copyOf(bytes.array(), bytes.position());

        ClockState read = SERDE.deserializer().deserialize(TOPIC, formatOne);

        assertThat(read).isEqualTo(new ClockState(1_893_456_000_123L, 250_000L));
    }

    @Test
    void aFormatNewerThanThisReleaseIsRefusedWithTheStoreName() {
        byte[] formatThree = {3, 0};

        assertThatThrownBy(() -> SERDE.deserializer().deserialize(TOPIC, formatThree))
                .hasMessageContaining("detector-clock").hasMessageContaining("unknown format 0x03")
                .hasMessageContaining("formats 0x01 to 0x02");
    }

    /** Written out as the previous release's JsonSerde wrote it, so a later change of the JSON writer cannot hide a break. */
    @Test
    void aClockInThePreviousReleasesLiteralJsonIsStillRead() {
        String json = "{\"heartbeatTime\":1893456000123,\"earliestDeadline\":9223372036854775807}";

        ClockState read = SERDE.deserializer().deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(new ClockState(1_893_456_000_123L, null));
    }
}

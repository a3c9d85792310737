package io.pushmon.processor.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import io.pushmon.processor.time.ClockState;

/** The detector-clock store's values: binary format 1, and the JSON of the releases before it. */
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
        ClockState clock = new ClockState(1_893_456_000_123L, 1_893_456_090_000L, 250_000L);

        assertThat(roundTrip(clock)).isEqualTo(clock);
    }

    /** Written out as the previous release's JsonSerde wrote it, so a later change of the JSON writer cannot hide a break. */
    @Test
    void aClockInThePreviousReleasesLiteralJsonIsStillRead() {
        String json = "{\"heartbeatTime\":1893456000123,\"earliestDeadline\":9223372036854775807}";

        ClockState read = SERDE.deserializer().deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(new ClockState(1_893_456_000_123L, Long.MAX_VALUE, null));
    }
}

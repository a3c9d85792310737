package io.pushmon.processor.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** What the binary stores refuse: a value they would misread fails with the store's name, never as other state. */
class StateSerdeTest {

    @SuppressWarnings("unchecked")
    private static final Serde<MonitorState> STATES = (Serde<MonitorState>) DetectorStore.MONITOR_STATE.valueSerde();
    @SuppressWarnings("unchecked")
    private static final Serde<HeartbeatEntry> HISTORY =
            (Serde<HeartbeatEntry>) DetectorStore.HEARTBEAT_HISTORY.valueSerde();
    private static final String TOPIC = "changelog";

    private static byte[] state(MonitorState state) {
        return STATES.serializer().serialize(TOPIC, state);
    }

    private static MonitorState readState(byte[] bytes) {
        return STATES.deserializer().deserialize(TOPIC, bytes);
    }

    @Test
    void anUnknownFormatFailsNamingTheStoreAndTheFormat() {
        byte[] bytes = state(MonitorStateCodecTest.minimal());
        bytes[0] = 7;

        assertThatThrownBy(() -> readState(bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("MonitorState").hasMessageContaining("store monitor-state")
                .hasMessageContaining("unknown format 0x07");
    }

    @Test
    void aStateCutShortAnywhereFailsAsTruncated() {
        byte[] bytes = state(MonitorStateCodecTest.fullyPopulated());

        for (int length = 1; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);

            assertThatThrownBy(() -> readState(cut)).as("cut to %d of %d bytes", length, bytes.length)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("store monitor-state").hasMessageContaining("truncated");
        }
    }

    @Test
    void aHistoryEntryCutShortFailsNamingItsStore() {
        byte[] bytes = HISTORY.serializer().serialize(TOPIC, HeartbeatEntryCodecTest.fullyPopulated());

        assertThatThrownBy(() -> HISTORY.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("HeartbeatEntry from store heartbeat-history").hasMessageContaining("truncated");
    }

    @Test
    void bytesAfterTheEndOfAValueFail() {
        byte[] bytes = state(MonitorStateCodecTest.minimal());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 2);

        assertThatThrownBy(() -> readState(longer)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("store monitor-state").hasMessageContaining("2 bytes after the end");
    }

    @Test
    void anEmptyValueFails() {
        assertThatThrownBy(() -> readState(new byte[0])).isInstanceOf(SerializationException.class)
                .hasMessageContaining("store monitor-state").hasMessageContaining("empty value");
    }

    @Test
    void aStatusCodeThisReleaseDoesNotKnowFails() {
        byte[] bytes = state(MonitorStateCodecTest.minimal().cameUp());
        int statusAt = Arrays.mismatch(bytes, state(MonitorStateCodecTest.minimal()));
        bytes[statusAt] = 99;

        assertThatThrownBy(() -> readState(bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("store monitor-state").hasMessageContaining("unknown status code 99");
    }

    @Test
    void aFlagThisReleaseDoesNotKnowFails() {
        byte[] bytes = HISTORY.serializer().serialize(TOPIC, HeartbeatEntryCodecTest.typical());
        bytes[1] = 0x08;

        assertThatThrownBy(() -> HISTORY.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("store heartbeat-history").hasMessageContaining("unknown flags 0x8");
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(STATES.serializer().serialize(TOPIC, null)).isNull();
        assertThat(readState(null)).isNull();
    }
}

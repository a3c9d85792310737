package io.pushmon.common.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.topics.Topic;

class JsonSerdeTest {

    @Test
    void anEventWritesReasonsAndTimesAsTheirWireNames() {
        var serde = Topic.MONITOR_EVENTS.valueSerde();
        var event = new MonitorEvent("e1", "m1", "t1", "backup", MonitorStatus.UP, MonitorStatus.DOWN,
                EventReason.REPORTED_DOWN, Instant.parse("2026-01-01T00:00:00Z"), 3, null, null, "disk full", null,
                List.of("c1"));

        var json = new String(serde.serializer().serialize("monitor-events", event), StandardCharsets.UTF_8);

        assertThat(json).contains("\"reason\":\"reported-down\"", "\"at\":\"2026-01-01T00:00:00Z\"");
        assertThat(json).doesNotContain("downSince").doesNotContain("\"down\":");
        assertThat(serde.deserializer().deserialize("monitor-events", json.getBytes(StandardCharsets.UTF_8))).isEqualTo(event);
    }

    @Test
    void aNullValueIsATombstoneBothWays() {
        var serde = Topic.MONITORS.valueSerde();

        assertThat(serde.serializer().serialize("monitors", null)).isNull();
        assertThat(serde.deserializer().deserialize("monitors", null)).isNull();
    }

    @Test
    void fieldsFromANewerWriterAreIgnored() {
        var json = "{\"id\":\"m1\",\"tenantId\":\"t\",\"name\":\"n\",\"pushToken\":\"x\",\"timeoutSeconds\":60,"
                + "\"graceSeconds\":0,\"paused\":false,\"schedule\":\"0 * * * *\"}";

        MonitorDefinition monitor = Topic.MONITORS.valueSerde().deserializer().deserialize("monitors", json.getBytes(StandardCharsets.UTF_8));

        assertThat(monitor.timeoutSeconds()).isEqualTo(60);
        assertThat(monitor.channelIds()).isEmpty();
    }

    @Test
    void garbageIsASerializationErrorNamingTheType() {
        var serde = Topic.MONITORS.valueSerde().deserializer();

        assertThatThrownBy(() -> serde.deserialize("monitors", "{oops".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("MonitorDefinition");
    }

    @Test
    void theMonitorsTokenStaysOutOfItsStringForm() {
        var monitor = new MonitorDefinition("m1", "t", "n", "s3cr3t-token", 60, 0, false, List.of(), null, null);

        assertThat(monitor.toString()).doesNotContain("s3cr3t-token");
    }
}

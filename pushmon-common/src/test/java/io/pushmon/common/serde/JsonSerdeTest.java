package io.pushmon.common.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.PushStatus;

class JsonSerdeTest {

    @Test
    void aHeartbeatSurvivesTheRoundTrip() {
        var serde = PushmonSerdes.heartbeat();
        var heartbeat = Heartbeat.push(PushStatus.DOWN, "backup failed", 12.5, "10.1.2.3", "curl/8", 1_700_000_000_000L);

        var json = new String(serde.serialize("heartbeats", heartbeat), StandardCharsets.UTF_8);

        assertThat(json).contains("\"kind\":\"push\"", "\"status\":\"down\"");
        assertThat(serde.deserialize("heartbeats", json.getBytes(StandardCharsets.UTF_8))).isEqualTo(heartbeat);
    }

    @Test
    void anEventWritesReasonsAndTimesAsTheirWireNames() {
        var serde = PushmonSerdes.monitorEvent();
        var event = new MonitorEvent("e1", "m1", "t1", "backup", MonitorStatus.UP, MonitorStatus.DOWN,
                EventReason.REPORTED_DOWN, Instant.parse("2026-01-01T00:00:00Z"), 3, null, null, "disk full", null,
                List.of("c1"));

        var json = new String(serde.serialize("monitor-events", event), StandardCharsets.UTF_8);

        assertThat(json).contains("\"reason\":\"reported-down\"", "\"at\":\"2026-01-01T00:00:00Z\"");
        assertThat(json).doesNotContain("downSince").doesNotContain("\"down\":");
        assertThat(serde.deserialize("monitor-events", json.getBytes(StandardCharsets.UTF_8))).isEqualTo(event);
    }

    @Test
    void aNullValueIsATombstoneBothWays() {
        var serde = PushmonSerdes.monitor();

        assertThat(serde.serialize("monitors", null)).isNull();
        assertThat(serde.deserialize("monitors", null)).isNull();
    }

    @Test
    void fieldsFromANewerWriterAreIgnored() {
        var json = "{\"id\":\"m1\",\"tenantId\":\"t\",\"name\":\"n\",\"pushToken\":\"x\",\"timeoutSeconds\":60,"
                + "\"graceSeconds\":0,\"paused\":false,\"schedule\":\"0 * * * *\"}";

        MonitorDefinition monitor = PushmonSerdes.monitor().deserialize("monitors", json.getBytes(StandardCharsets.UTF_8));

        assertThat(monitor.timeoutSeconds()).isEqualTo(60);
        assertThat(monitor.channelIds()).isEmpty();
    }

    @Test
    void garbageIsASerializationErrorNamingTheType() {
        assertThatThrownBy(() -> PushmonSerdes.heartbeat().deserialize("heartbeats", "{oops".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Heartbeat");
    }

    @Test
    void theMonitorsTokenStaysOutOfItsStringForm() {
        var monitor = new MonitorDefinition("m1", "t", "n", "s3cr3t-token", 60, 0, false, List.of(), null, null);

        assertThat(monitor.toString()).doesNotContain("s3cr3t-token");
    }
}

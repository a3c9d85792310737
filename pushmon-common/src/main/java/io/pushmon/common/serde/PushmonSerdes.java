package io.pushmon.common.serde;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.TenantDefinition;

/** Serdes of the record types on pushmon's topics. Keys are plain UTF-8 strings everywhere. */
public final class PushmonSerdes {

    private PushmonSerdes() {
    }

    public static JsonSerde<Heartbeat> heartbeat() {
        return new JsonSerde<>(Heartbeat.class);
    }

    public static JsonSerde<MonitorDefinition> monitor() {
        return new JsonSerde<>(MonitorDefinition.class);
    }

    public static JsonSerde<MonitorEvent> monitorEvent() {
        return new JsonSerde<>(MonitorEvent.class);
    }

    public static JsonSerde<ChannelDefinition> channel() {
        return new JsonSerde<>(ChannelDefinition.class);
    }

    public static JsonSerde<TenantDefinition> tenant() {
        return new JsonSerde<>(TenantDefinition.class);
    }
}

package io.pushmon.processor.detector;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.pushmon.common.model.MonitorEvent;

/**
 * Sends a status change downstream and remembers it for reads. Forwarding, the state change and the
 * input offsets commit in one transaction (exactly-once v2), so a change is neither lost nor doubled.
 */
final class EventEmitter {

    private final ProcessorContext<String, MonitorEvent> context;
    private final DetectorStores stores;
    private final DetectorMetrics metrics;

    EventEmitter(ProcessorContext<String, MonitorEvent> context, DetectorStores stores, DetectorMetrics metrics) {
        this.context = context;
        this.stores = stores;
        this.metrics = metrics;
    }

    void emit(MonitorEvent event) {
        context.forward(new Record<>(event.monitorId(), event, event.at().toEpochMilli()));
        stores.recordEvent(event);
        metrics.emitted(event.reason());
    }
}

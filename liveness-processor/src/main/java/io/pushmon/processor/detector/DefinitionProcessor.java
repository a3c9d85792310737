package io.pushmon.processor.detector;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.PolicyInput;

/**
 * Applies monitor definitions from the compacted {@code monitors} topic: create, change, pause, resume and
 * (tombstone) delete. Definitions never emit events; they only arm, move or disarm deadlines, and hand the policy
 * step what it needs of the monitor (tags, channels, alert policy), keyed by tenant.
 */
public final class DefinitionProcessor implements Processor<String, MonitorDefinition, String, PolicyInput> {

    private final DetectorSettings settings;
    private final StatusMachine machine;
    private DetectorStores stores;
    private ProcessorContext<String, PolicyInput> context;

    public DefinitionProcessor(DetectorSettings settings, StatusMachine machine) {
        this.settings = settings;
        this.machine = machine;
    }

    @Override
    public void init(ProcessorContext<String, PolicyInput> processorContext) {
        context = processorContext;
        stores = new DetectorStores(context, settings);
    }

    @Override
    public void process(Record<String, MonitorDefinition> record) {
        String monitorId = record.key();
        if (monitorId == null) {
            return;
        }
        MonitorState previous = stores.state(monitorId);
        MonitorDefinition definition = record.value();
        if (definition == null) {
            if (previous != null) {
                stores.delete(previous);
                toPolicy(record, PolicyInput.Membership.deleted(monitorId, previous.tenantId()));
            }
            return;
        }
        // The owner's resume time is the definition's updatedAt, on the gateway's clock; the record's own
        // timestamp stands in for definitions written without one. Deadlines are compared with broker time,
        // so a gateway clock running behind must not re-arm a resumed monitor in the past: the broker time
        // already read on this partition is the earliest the resume can count from.
        long requested = definition.updatedAt() != null ? definition.updatedAt().toEpochMilli() : record.timestamp();
        Long heartbeatTime = stores.clock().read().heartbeatTime();
        long resumedAt = heartbeatTime == null ? requested : Math.max(requested, heartbeatTime);
        stores.save(previous, machine.onDefinition(previous, definition, resumedAt).state());
        toPolicy(record, PolicyInput.Membership.of(definition));
    }

    private void toPolicy(Record<String, MonitorDefinition> record, PolicyInput.Membership membership) {
        context.forward(new Record<>(membership.tenantId(), PolicyInput.of(membership), record.timestamp()));
    }
}

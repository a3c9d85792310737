package io.pushmon.processor.policy;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.PolicyInput;

/**
 * Hands each status change the detector emits to the policy step, re-keyed by tenant. It runs in the detector's
 * task, so the event and its policy input are written in the same transaction as the state change.
 */
public final class EventFeed implements Processor<String, MonitorEvent, String, PolicyInput> {

    private ProcessorContext<String, PolicyInput> context;

    @Override
    public void init(ProcessorContext<String, PolicyInput> processorContext) {
        context = processorContext;
    }

    @Override
    public void process(Record<String, MonitorEvent> record) {
        MonitorEvent event = record.value();
        if (event != null && event.tenantId() != null) {
            context.forward(record.withKey(event.tenantId()).withValue(PolicyInput.of(event)));
        }
    }
}

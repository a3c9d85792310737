package io.pushmon.processor.detector;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.PushStatus;

/**
 * Reads the task's {@code heartbeats} partition: every record (push or tick) advances the task's heartbeat
 * time; pushes also move their monitor's status and deadline. It schedules the wall-clock punctuation that
 * fires due deadlines, because the clock that gates them is advanced here.
 */
public final class HeartbeatProcessor implements Processor<String, Heartbeat, String, MonitorEvent> {

    private final DetectorSettings settings;
    private final StatusMachine machine;
    private final DetectorMetrics metrics;
    private DetectorStores stores;
    private EventEmitter emitter;
    private GapExtension gapExtension;
    private int partition;

    public HeartbeatProcessor(DetectorSettings settings, StatusMachine machine, DetectorMetrics metrics) {
        this.settings = settings;
        this.machine = machine;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, MonitorEvent> context) {
        stores = new DetectorStores(context, settings);
        emitter = new EventEmitter(context, stores, metrics);
        gapExtension = new GapExtension(stores, machine);
        partition = context.taskId().partition();
        metrics.trackPartition(partition);
        Long restored = stores.clock().read().heartbeatTime();
        if (restored != null) {
            metrics.heartbeatTime(partition, restored);
        }
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME,
                new DeadlinePunctuator(stores, machine, emitter, metrics, settings));
    }

    @Override
    public void process(Record<String, Heartbeat> record) {
        long brokerTime = record.timestamp();
        stores.clock().advance(brokerTime).ifPresent(gap -> gapExtension.apply(partition, gap));
        metrics.heartbeatTime(partition, brokerTime);
        Heartbeat heartbeat = record.value();
        if (heartbeat == null || heartbeat.isTick() || record.key() == null || Heartbeat.TICK_KEY.equals(record.key())) {
            return;
        }
        MonitorState previous = stores.state(record.key());
        if (previous == null) {
            // A push for a deleted monitor, still in flight when the tombstone was processed.
            return;
        }
        Transition transition = machine.onPush(previous, pushOf(heartbeat), brokerTime);
        stores.save(previous, transition.state());
        stores.recordPush(transition.state(), heartbeat, brokerTime, transition.runDurationMillis());
        transition.event().ifPresent(emitter::emit);
    }

    @Override
    public void close() {
        metrics.untrackPartition(partition);
    }

    /** A push without a status is an up push, as on the HTTP API. */
    private static Heartbeat pushOf(Heartbeat heartbeat) {
        return heartbeat.status() != null ? heartbeat : heartbeat.withStatus(PushStatus.UP);
    }
}

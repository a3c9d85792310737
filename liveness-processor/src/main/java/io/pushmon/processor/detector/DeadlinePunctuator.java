package io.pushmon.processor.detector;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.Punctuator;
import org.jboss.logging.Logger;

/**
 * Fires the deadlines that are due against the task's cutoff. Its cost follows the due entries: when the
 * earliest pending deadline is after the cutoff it reads nothing more, and a scan reads the due entries plus one
 * peek, never more than the budget.
 */
final class DeadlinePunctuator implements Punctuator {

    private static final Logger LOG = Logger.getLogger(DeadlinePunctuator.class);

    private final DetectorStores stores;
    private final StatusMachine machine;
    private final EventEmitter emitter;
    private final DetectorMetrics metrics;
    private final int budget;
    private final long retryMillis;

    DeadlinePunctuator(DetectorStores stores, StatusMachine machine, EventEmitter emitter, DetectorMetrics metrics,
            DetectorSettings settings) {
        this.stores = stores;
        this.machine = machine;
        this.emitter = emitter;
        this.metrics = metrics;
        this.budget = settings.budget();
        this.retryMillis = settings.failureRetry().toMillis();
    }

    /** @param wallClock the wall-clock time of this punctuation, epoch millis */
    @Override
    public void punctuate(long wallClock) {
        long started = System.nanoTime();
        Optional<Long> cutoff = stores.clock().cutoff(wallClock);
        if (cutoff.isEmpty() || stores.index().earliest() > cutoff.get()) {
            metrics.punctuated(0, 0, System.nanoTime() - started);
            return;
        }
        DeadlineIndex.Scan scan = stores.index().due(cutoff.get(), budget);
        for (DeadlineIndex.Entry due : scan.due()) {
            evaluate(due, cutoff.get(), wallClock);
        }
        metrics.punctuated(scan.due().size(), scan.touched(), System.nanoTime() - started);
    }

    /** Compare before acting: the entry fires only if the monitor still waits for exactly this deadline. */
    private void evaluate(DeadlineIndex.Entry due, long cutoff, long wallClock) {
        try {
            MonitorState state = stores.state(due.monitorId());
            if (state == null || state.paused() || !Objects.equals(state.deadline(), due.deadline())) {
                stores.index().remove(due.deadline(), due.monitorId());
                return;
            }
            Transition transition = machine.onDeadline(state);
            stores.save(state, transition.state());
            transition.event().ifPresent(event -> {
                emitter.emit(event);
                metrics.fired(wallClock - due.deadline());
            });
        } catch (StreamsException e) {
            // Kafka Streams' own failures (task migrated, producer fenced) belong to Kafka Streams: the
            // transaction is aborted anyway, and swallowing them would keep working in a dead one.
            throw e;
        } catch (RuntimeException e) {
            long retryAt = Math.max(due.deadline(), cutoff) + retryMillis;
            metrics.evaluationFailed();
            // The detector's stores never hold push tokens or channel settings, so the failure and its
            // stack trace carry no secrets.
            LOG.warnf(e, "Evaluating monitor %s at deadline %s failed; retrying at %s", due.monitorId(),
                    Instant.ofEpochMilli(due.deadline()), Instant.ofEpochMilli(retryAt));
            postpone(due, retryAt);
        }
    }

    /**
     * Moves the failed deadline forward, reading the state afresh: if the failure came after the transition
     * was saved (while emitting), the monitor is already down and must not be rolled back to wait for the same
     * deadline again, which would send a second down event for the same incident.
     */
    private void postpone(DeadlineIndex.Entry due, long retryAt) {
        MonitorState state = stores.state(due.monitorId());
        if (state != null && Objects.equals(state.deadline(), due.deadline())) {
            stores.save(state, state.withDeadline(retryAt));
            return;
        }
        stores.index().remove(due.deadline(), due.monitorId());
        stores.index().add(retryAt, due.monitorId());
    }
}

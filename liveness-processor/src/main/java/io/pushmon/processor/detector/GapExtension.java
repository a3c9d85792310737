package io.pushmon.processor.detector;

import java.util.List;
import java.util.Objects;

import org.jboss.logging.Logger;

import io.pushmon.processor.time.IngestGap;

/**
 * Gives monitors back the time pushmon could not observe. When a partition's heartbeats resume after an
 * ingest gap, every deadline that fell inside the gap moves later (see {@link StatusMachine#afterIngestGap}): a
 * client cannot be blamed for pushes our own ingest path failed to record.
 */
final class GapExtension {

    private static final Logger LOG = Logger.getLogger(GapExtension.class);
    private static final int CHUNK = 1_000;

    private final DetectorStores stores;
    private final StatusMachine machine;

    GapExtension(DetectorStores stores, StatusMachine machine) {
        this.stores = stores;
        this.machine = machine;
    }

    void apply(int partition, IngestGap gap) {
        int moved = 0;
        List<DeadlineIndex.Entry> entries;
        do {
            // Moved entries land after gap.to(), outside the range, so each chunk makes progress.
            entries = stores.index().between(gap.from() + 1, gap.to(), CHUNK);
            for (DeadlineIndex.Entry entry : entries) {
                MonitorState state = stores.state(entry.monitorId());
                if (state == null || !Objects.equals(state.deadline(), entry.deadline())) {
                    stores.index().remove(entry.deadline(), entry.monitorId());
                    continue;
                }
                stores.save(state, machine.afterIngestGap(state, gap.from(), gap.to()));
                moved++;
            }
        } while (entries.size() == CHUNK);
        LOG.warnf("Partition %d read no heartbeats or ticks for %d ms (ingest gap); %d deadlines in it extended",
                partition, gap.length(), moved);
    }
}

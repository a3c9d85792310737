package io.pushmon.dispatcher.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed when records finish out of order. A record finishes when all its work is
 * durable; records of one partition finish in any order (a slow receiver must not hold up a fast one), but
 * the committed offset must never pass a record that is still unfinished, or a crash would lose it. So the
 * offset to commit is the lowest unfinished offset, or one past the highest read when all are finished.
 *
 * <p>Not thread-safe: the consumer's poll thread owns it.
 */
public final class OffsetTracker {

    private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();

    /** Records that the record at this offset was read and is now in progress. */
    public void started(TopicPartition partition, long offset) {
        partitions.computeIfAbsent(partition, p -> new PartitionOffsets()).started(offset);
    }

    /** Records that the record at this offset is finished. Unknown partitions and offsets are ignored. */
    public void finished(TopicPartition partition, long offset) {
        PartitionOffsets offsets = partitions.get(partition);
        if (offsets != null) {
            offsets.unfinished.remove(offset);
        }
    }

    /**
     * Offsets to commit for partitions whose committable offset is past their last confirmed commit. An offset
     * stays offered until {@link #committed} confirms it: a commit that failed is sent again with the next one,
     * even on a partition where nothing else happens.
     */
    public Map<TopicPartition, OffsetAndMetadata> toCommit() {
        return toCommit(partition -> true);
    }

    /** Like {@link #toCommit()}, for the selected partitions only. */
    public Map<TopicPartition, OffsetAndMetadata> toCommit(Predicate<TopicPartition> selected) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        partitions.forEach((partition, offsets) -> {
            if (!selected.test(partition)) {
                return;
            }
            long next = offsets.committable();
            if (next > offsets.lastCommitted) {
                commits.put(partition, new OffsetAndMetadata(next));
            }
        });
        return commits;
    }

    /** Records that the broker confirmed these commits. Confirmations may arrive out of order. */
    public void committed(Map<TopicPartition, OffsetAndMetadata> confirmed) {
        confirmed.forEach((partition, offset) -> {
            PartitionOffsets offsets = partitions.get(partition);
            if (offsets != null) {
                offsets.lastCommitted = Math.max(offsets.lastCommitted, offset.offset());
            }
        });
    }

    /** The offset that may be committed for a partition now, or -1 when nothing was read from it. */
    public long committable(TopicPartition partition) {
        PartitionOffsets offsets = partitions.get(partition);
        return offsets == null ? -1 : offsets.committable();
    }

    /** Records read but not finished, over all partitions. */
    public int unfinished() {
        return partitions.values().stream().mapToInt(p -> p.unfinished.size()).sum();
    }

    /** Forgets a partition (revoked): its records are now another consumer's. */
    public void forget(TopicPartition partition) {
        partitions.remove(partition);
    }

    private static final class PartitionOffsets {
        private final TreeSet<Long> unfinished = new TreeSet<>();
        private long highestRead = -1;
        private long lastCommitted = -1;

        void started(long offset) {
            unfinished.add(offset);
            highestRead = Math.max(highestRead, offset);
        }

        long committable() {
            if (highestRead < 0) {
                return -1;
            }
            return unfinished.isEmpty() ? highestRead + 1 : unfinished.first();
        }
    }
}

package io.pushmon.processor.detector;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.pushmon.processor.time.DetectorClock;

/**
 * Pending deadlines in firing order. Keys are {@code deadline (8 bytes, big-endian) ‖ monitor id (UTF-8)}:
 * byte order is time order for the non-negative epoch times used here, so "what is due" is a range scan
 * that reads only due entries. Entries may be stale (the monitor moved on); callers compare with the
 * monitor's state before acting, so stale or duplicate entries are harmless.
 */
public final class DeadlineIndex {

    private static final byte[] PRESENT = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;
    private final DetectorClock clock;

    public DeadlineIndex(KeyValueStore<Bytes, byte[]> store, DetectorClock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One index entry. */
    public record Entry(long deadline, String monitorId) {
    }

    /**
     * The result of a scan for due entries.
     *
     * @param due          entries with deadline at or before the cutoff, at most the budget
     * @param touched      entries read from the store, the one peeked past the cutoff included
     * @param nextEarliest a lower bound of the deadlines left in the index once {@code due} is handled
     */
    public record Scan(List<Entry> due, int touched, long nextEarliest) {
    }

    public static Bytes key(long deadline, String monitorId) {
        byte[] id = monitorId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(deadline).put(id).array());
    }

    static Bytes bound(long deadline) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(deadline).array());
    }

    static Entry entry(Bytes key) {
        byte[] raw = key.get();
        long deadline = ByteBuffer.wrap(raw, 0, Long.BYTES).getLong();
        return new Entry(deadline, new String(raw, Long.BYTES, raw.length - Long.BYTES, StandardCharsets.UTF_8));
    }

    public void add(long deadline, String monitorId) {
        store.put(key(deadline, monitorId), PRESENT);
        clock.noteDeadline(deadline);
    }

    public void remove(long deadline, String monitorId) {
        store.delete(key(deadline, monitorId));
    }

    /**
     * Reads due entries from {@code from} (a lower bound of the index) up to {@code cutoff}, and one entry
     * past it so the next punctuation knows whether it needs an iterator at all. The entries are copied
     * out and the iterator closed before anyone writes to the store.
     */
    public Scan due(long from, long cutoff, int budget) {
        List<Entry> due = new ArrayList<>();
        int touched = 0;
        long nextEarliest = Long.MAX_VALUE;
        try (KeyValueIterator<Bytes, byte[]> it = store.range(bound(from), null)) {
            while (it.hasNext()) {
                Entry entry = entry(it.next().key);
                touched++;
                if (entry.deadline() > cutoff) {
                    nextEarliest = entry.deadline();
                    break;
                }
                due.add(entry);
                if (due.size() >= budget) {
                    nextEarliest = entry.deadline();
                    break;
                }
            }
        }
        return new Scan(due, touched, nextEarliest);
    }

    /** Up to {@code limit} entries with deadlines in {@code [from, to]}, copied out of a closed iterator. */
    public List<Entry> between(long from, long to, int limit) {
        List<Entry> entries = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(bound(from), bound(to + 1))) {
            while (it.hasNext() && entries.size() < limit) {
                KeyValue<Bytes, byte[]> next = it.next();
                entries.add(entry(next.key));
            }
        }
        return entries;
    }
}

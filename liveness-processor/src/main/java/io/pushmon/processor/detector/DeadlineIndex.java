package io.pushmon.processor.detector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The deadline index of one task: pending deadlines in firing order, on the heap and without a changelog, a sorted
 * set of {@code (deadline, monitor id)} rebuilt from the monitor states when the task starts ({@link DetectorStores}).
 * Entries may be stale (the monitor moved on); callers compare with the monitor's state before acting, so stale or
 * duplicate entries are harmless.
 *
 * <p>It is a state store only so that the task's processors share one instance, as Kafka Streams hands the same
 * store to every processor it is connected to. It keeps no changelog because everything in it follows from the
 * states: a pending deadline is exactly a state's {@code deadline}. Logging it cost two of the four changelog
 * records of every heartbeat (the old entry's tombstone and the new entry) and two RocksDB writes; rebuilding it
 * costs one scan of the states per task start, after restoration, which the task does before it reads a record.
 *
 * <p>Kafka Streams' own in-memory store does not fit: its range iterators copy every key from the range start to
 * the end of the map, so each punctuation would cost as much as the whole index.
 */
public final class DeadlineIndex implements StateStore {

    private final String name;
    private NavigableSet<Key> entries = new TreeSet<>();
    /**
     * The set's first entry, kept beside it: every punctuation asks for the earliest deadline, and the set's own
     * first() walks down the tree, about twenty nodes apart in memory at a million entries, where a field is one read.
     */
    private Key first;
    private boolean open;
    private boolean rebuilt;

    /** One index entry. */
    public record Entry(long deadline, String monitorId) {
    }

    /**
     * The result of a scan for due entries.
     *
     * @param due     entries with deadline at or before the cutoff, at most the budget
     * @param touched entries read from the index, the one peeked past the cutoff included
     */
    public record Scan(List<Entry> due, int touched) {
    }

    DeadlineIndex(String name) {
        this.name = name;
    }

    /** A builder for the topology: no changelog, no cache, whatever is asked. */
    static StoreBuilder<DeadlineIndex> builder(String name) {
        return new Builder(name);
    }

    public void add(long deadline, String monitorId) {
        Key key = new Key(deadline, monitorId);
        entries.add(key);
        if (first == null || key.compareTo(first) < 0) {
            first = key;
        }
    }

    public void remove(long deadline, String monitorId) {
        Key key = new Key(deadline, monitorId);
        if (entries.remove(key) && key.equals(first)) {
            first = entries.isEmpty() ? null : entries.first();
        }
    }

    /** The earliest pending deadline, {@link Long#MAX_VALUE} when none is: a punctuation before it has nothing to do. */
    public long earliest() {
        return first == null ? Long.MAX_VALUE : first.deadline;
    }

    /**
     * The due entries, those up to {@code cutoff} in firing order, at most {@code budget}, and the count of entries
     * read, the first one past the cutoff included: copied, so the caller may write to the index.
     */
    public Scan due(long cutoff, int budget) {
        List<Entry> due = new ArrayList<>();
        int touched = 0;
        for (Key key : entries) {
            touched++;
            if (key.deadline > cutoff) {
                break;
            }
            due.add(key.entry());
            if (due.size() >= budget) {
                break;
            }
        }
        return new Scan(due, touched);
    }

    /** Up to {@code limit} entries with deadlines in {@code [from, to]} in firing order, copied. */
    public List<Entry> between(long from, long to, int limit) {
        List<Entry> copy = new ArrayList<>();
        for (Key key : entries.tailSet(new Key(from, ""), true)) {
            if (key.deadline > to || copy.size() >= limit) {
                break;
            }
            copy.add(key.entry());
        }
        return copy;
    }

    /** Every entry in firing order, copied: for tests and diagnostics. */
    public List<Entry> all() {
        return entries.stream().map(Key::entry).toList();
    }

    public int size() {
        return entries.size();
    }

    /** True once, for the first processor of the task to ask: that one rebuilds the index from the states. */
    boolean claimRebuild() {
        if (rebuilt) {
            return false;
        }
        rebuilt = true;
        return true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        entries = new TreeSet<>();
        first = null;
        rebuilt = false;
        // Registered without a changelog: there is nothing to restore, the rebuild happens in the processors.
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void flush() {
        // Nothing is buffered: the index is the set itself, and it is never written anywhere.
    }

    @Override
    public void close() {
        entries = new TreeSet<>();
        first = null;
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /**
     * An entry as the set orders it: by deadline, then by monitor id. Many entries share a deadline (the pushes of
     * one producer batch share their broker timestamp), so ids are compared often: their first eight characters,
     * packed into a long inside the key, decide nearly every comparison without reading the string, which is two
     * pointers away. The walk of a dozen comparisons per heartbeat cost the processor about a tenth of its CPU
     * with strings compared. Prefix, then string, is a total order for any id.
     */
    private static final class Key implements Comparable<Key> {
        private final long deadline;
        private final long prefix;
        private final String monitorId;

        Key(long deadline, String monitorId) {
            this.deadline = deadline;
            this.monitorId = monitorId;
            this.prefix = prefix(monitorId);
        }

        /** The first eight chars, 8 bits each, big-endian: for ASCII ids the strings' own order where they differ. */
        private static long prefix(String id) {
            long packed = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                packed = (packed << 8) | (i < id.length() ? id.charAt(i) & 0xff : 0);
            }
            return packed;
        }

        Entry entry() {
            return new Entry(deadline, monitorId);
        }

        @Override
        public int compareTo(Key other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            if (byDeadline != 0) {
                return byDeadline;
            }
            int byPrefix = Long.compareUnsigned(prefix, other.prefix);
            return byPrefix != 0 ? byPrefix : monitorId.compareTo(other.monitorId);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && compareTo(key) == 0;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(deadline) * 31 + monitorId.hashCode();
        }
    }

    private static final class Builder implements StoreBuilder<DeadlineIndex> {
        private final String name;

        Builder(String name) {
            this.name = name;
        }

        @Override
        public StoreBuilder<DeadlineIndex> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<DeadlineIndex> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<DeadlineIndex> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException("the deadline index is rebuilt from the states, never logged");
        }

        @Override
        public StoreBuilder<DeadlineIndex> withLoggingDisabled() {
            return this;
        }

        @Override
        public DeadlineIndex build() {
            return new DeadlineIndex(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return name;
        }
    }
}

package io.pushmon.processor.detector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The deadline index of one task, on the heap and without a changelog: a sorted set of {@code (deadline, monitor
 * id)}, rebuilt from the monitor states when the task starts ({@link DetectorStores}).
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
public final class PendingDeadlines implements StateStore {

    /** Written out rather than composed from key extractors: it runs a dozen times per heartbeat. */
    private static final Comparator<DeadlineIndex.Entry> FIRING_ORDER = (a, b) -> {
        int byDeadline = Long.compare(a.deadline(), b.deadline());
        return byDeadline != 0 ? byDeadline : a.monitorId().compareTo(b.monitorId());
    };

    private final String name;
    private NavigableSet<DeadlineIndex.Entry> entries = new TreeSet<>(FIRING_ORDER);
    private boolean open;
    private boolean rebuilt;

    PendingDeadlines(String name) {
        this.name = name;
    }

    /** A builder for the topology: no changelog, no cache, whatever is asked. */
    static StoreBuilder<PendingDeadlines> builder(String name) {
        return new Builder(name);
    }

    void add(long deadline, String monitorId) {
        entries.add(new DeadlineIndex.Entry(deadline, monitorId));
    }

    void remove(long deadline, String monitorId) {
        entries.remove(new DeadlineIndex.Entry(deadline, monitorId));
    }

    /** The first entry's deadline, {@link Long#MAX_VALUE} when there is none. */
    long earliest() {
        return entries.isEmpty() ? Long.MAX_VALUE : entries.first().deadline();
    }

    /** Entries with deadlines from {@code from} on, in firing order; the caller stops reading where it likes. */
    Iterable<DeadlineIndex.Entry> from(long from) {
        return entries.tailSet(new DeadlineIndex.Entry(from, ""), true);
    }

    /** Up to {@code limit} entries with deadlines in {@code [from, to]}, copied so the caller may write. */
    List<DeadlineIndex.Entry> between(long from, long to, int limit) {
        List<DeadlineIndex.Entry> copy = new ArrayList<>();
        for (DeadlineIndex.Entry entry : from(from)) {
            if (entry.deadline() > to || copy.size() >= limit) {
                break;
            }
            copy.add(entry);
        }
        return copy;
    }

    /** Every entry in firing order, copied: for tests and diagnostics. */
    public List<DeadlineIndex.Entry> all() {
        return List.copyOf(entries);
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
        entries = new TreeSet<>(FIRING_ORDER);
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
        entries = new TreeSet<>(FIRING_ORDER);
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

    private static final class Builder implements StoreBuilder<PendingDeadlines> {
        private final String name;

        Builder(String name) {
            this.name = name;
        }

        @Override
        public StoreBuilder<PendingDeadlines> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<PendingDeadlines> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<PendingDeadlines> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException("the deadline index is rebuilt from the states, never logged");
        }

        @Override
        public StoreBuilder<PendingDeadlines> withLoggingDisabled() {
            return this;
        }

        @Override
        public PendingDeadlines build() {
            return new PendingDeadlines(name);
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

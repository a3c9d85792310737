package io.pushmon.processor.detector;

import java.util.List;

/**
 * Pending deadlines in firing order ({@link PendingDeadlines}). Entries may be stale (the monitor moved on); callers
 * compare with the monitor's state before acting, so stale or duplicate entries are harmless.
 */
public final class DeadlineIndex {

    private final PendingDeadlines pending;

    public DeadlineIndex(PendingDeadlines pending) {
        this.pending = pending;
    }

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

    public void add(long deadline, String monitorId) {
        pending.add(deadline, monitorId);
    }

    public void remove(long deadline, String monitorId) {
        pending.remove(deadline, monitorId);
    }

    /** The earliest pending deadline, {@link Long#MAX_VALUE} when none is: a punctuation before it has nothing to do. */
    public long earliest() {
        return pending.earliest();
    }

    /**
     * Reads the due entries, those up to {@code cutoff}, at most {@code budget} of them, and the first entry past the
     * cutoff. The entries are copied out before anyone writes to the index.
     */
    public Scan due(long cutoff, int budget) {
        return pending.due(cutoff, budget);
    }

    /** Up to {@code limit} entries with deadlines in {@code [from, to]}, copied out. */
    public List<Entry> between(long from, long to, int limit) {
        return pending.between(from, to, limit);
    }
}

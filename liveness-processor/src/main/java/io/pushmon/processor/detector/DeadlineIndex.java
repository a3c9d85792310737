package io.pushmon.processor.detector;

import java.util.ArrayList;
import java.util.List;

import io.pushmon.processor.time.DetectorClock;

/**
 * Pending deadlines in firing order ({@link PendingDeadlines}), kept in step with the task clock's lower bound of
 * them. Entries may be stale (the monitor moved on); callers compare with the monitor's state before acting, so
 * stale or duplicate entries are harmless.
 */
public final class DeadlineIndex {

    private final PendingDeadlines pending;
    private final DetectorClock clock;

    public DeadlineIndex(PendingDeadlines pending, DetectorClock clock) {
        this.pending = pending;
        this.clock = clock;
    }

    /** One index entry. */
    public record Entry(long deadline, String monitorId) {
    }

    /**
     * The result of a scan for due entries.
     *
     * @param due          entries with deadline at or before the cutoff, at most the budget
     * @param touched      entries read from the index, the one peeked past the cutoff included
     * @param nextEarliest a lower bound of the deadlines left in the index once {@code due} is handled
     */
    public record Scan(List<Entry> due, int touched, long nextEarliest) {
    }

    public void add(long deadline, String monitorId) {
        pending.add(deadline, monitorId);
        clock.noteDeadline(deadline);
    }

    public void remove(long deadline, String monitorId) {
        pending.remove(deadline, monitorId);
    }

    /**
     * Reads due entries from {@code from} (a lower bound of the index) up to {@code cutoff}, and one entry
     * past it so the next punctuation knows whether it needs to look at all. The entries are copied out before
     * anyone writes to the index.
     */
    public Scan due(long from, long cutoff, int budget) {
        List<Entry> due = new ArrayList<>();
        int touched = 0;
        long nextEarliest = Long.MAX_VALUE;
        for (Entry entry : pending.from(from)) {
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
        return new Scan(due, touched, nextEarliest);
    }

    /** Up to {@code limit} entries with deadlines in {@code [from, to]}, copied out. */
    public List<Entry> between(long from, long to, int limit) {
        return pending.between(from, to, limit);
    }
}

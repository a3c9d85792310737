package io.pushmon.processor.time;

/**
 * An interval of broker time in which this task's heartbeats partition received nothing, not even the
 * ticks the ingest path writes every second: pushmon itself could not observe it.
 *
 * @param from broker time of the last record before the gap, epoch millis
 * @param to   broker time of the first record after it
 */
public record IngestGap(long from, long to) {

    public long length() {
        return to - from;
    }
}

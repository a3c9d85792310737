package io.pushmon.processor.detector;

/**
 * A run that reported its start and has not ended.
 *
 * @param rid       the run id the client chose, null when it sent none
 * @param startedAt broker time of the start, epoch millis
 */
public record OpenRun(String rid, long startedAt) {
}

package io.pushmon.processor.time;

/**
 * The persisted clock of one task. It is changelogged with the other stores, so after a restart the
 * detector still knows how far it had read and never fires against a time it has not observed again.
 *
 * @param heartbeatTime broker time of the latest heartbeat or tick read from this task's heartbeats partition, epoch
 *                      millis; null until the first one
 * @param monitors      monitors this task holds; null until counted once (state written before the count was kept,
 *                      or a task that has none yet), after which creates and deletes keep it exact
 */
public record ClockState(Long heartbeatTime, Long monitors) {

    public static final ClockState INITIAL = new ClockState(null, null);

    public ClockState withHeartbeatTime(long time) {
        return new ClockState(time, monitors);
    }

    public ClockState withMonitors(Long count) {
        return new ClockState(heartbeatTime, count);
    }
}

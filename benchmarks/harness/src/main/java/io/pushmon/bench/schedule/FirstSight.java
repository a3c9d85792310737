package io.pushmon.bench.schedule;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import io.pushmon.processor.detector.DeadlineRule;
import io.pushmon.processor.detector.MonitorState;

/**
 * The first heartbeat of a schedule the processor has not seen: Schedules parses the expression, caches it and
 * then evaluates it. A miss cannot be repeated on the same expression, so each iteration is one shot over a batch
 * of expressions no earlier iteration of this JVM used, and the score is the batch's time per heartbeat.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FirstSight {

    /** Heartbeats per shot: long enough to time well, few enough that a fork's iterations never reuse one. */
    public static final int BATCH = 1_000;

    private final DeadlineRule rule = DeadlineRule.bySchedule();
    private int used;
    private MonitorState[] states;
    private long[] armedAt;

    /** The monitors of the shot that starts at expression {@code offset} of the mix. */
    static List<MonitorState> batch(int offset) {
        return ScheduleCase.monitors(BATCH, ScheduleCase.SEED + offset,
                (i, random) -> ExpressionMix.schedule(offset + i, random));
    }

    @Setup(Level.Iteration)
    public void unseenExpressions() {
        List<MonitorState> batch = batch(used);
        states = batch.toArray(MonitorState[]::new);
        armedAt = batch.stream().mapToLong(MonitorState::armedAt).toArray();
        used += BATCH;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void firstHeartbeats(Blackhole blackhole) {
        for (int i = 0; i < states.length; i++) {
            blackhole.consume(rule.deadlineAfter(states[i], armedAt[i]));
        }
    }
}

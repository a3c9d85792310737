package io.pushmon.bench.schedule;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.pushmon.processor.detector.DeadlineRule;
import io.pushmon.processor.detector.MonitorState;

/**
 * One deadline per call, as the processor computes it on a heartbeat: the next monitor of the population, armed at
 * its own time. JMH runs each case in JVMs of its own, so the rule's call site sees one rule, as the processor's
 * does, and no case inherits another's JIT profile or parsed expressions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DeadlineEvaluation {

    /** Every case when the runner names none. */
    @Param
    public ScheduleCase schedule;

    @Param("10000")
    public int monitors;

    private DeadlineRule rule;
    private MonitorState[] states;
    private long[] armedAt;
    private int next;

    @Setup(Level.Trial)
    public void populate() {
        rule = schedule.rule();
        List<MonitorState> population = schedule.monitors(monitors, ScheduleCase.SEED);
        states = population.toArray(MonitorState[]::new);
        armedAt = population.stream().mapToLong(MonitorState::armedAt).toArray();
        // Parses every expression before the clock runs: a processor that has run a while finds them all cached.
        for (int i = 0; i < states.length; i++) {
            rule.deadlineAfter(states[i], armedAt[i]);
        }
    }

    /** The deadline is returned, so JMH consumes it and the JIT cannot drop the evaluation. */
    @Benchmark
    public long deadline() {
        int i = next;
        next = i + 1 == states.length ? 0 : i + 1;
        return rule.deadlineAfter(states[i], armedAt[i]);
    }
}

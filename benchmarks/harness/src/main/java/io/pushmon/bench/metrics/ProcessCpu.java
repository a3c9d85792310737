package io.pushmon.bench.metrics;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/** CPU time a process has used so far (user + system, all threads). */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    /** The CPU time of a running process, read from the OS by pid; zero if the OS does not say. */
    public static Duration of(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** This JVM's own CPU time in nanoseconds. */
    public static long ownNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

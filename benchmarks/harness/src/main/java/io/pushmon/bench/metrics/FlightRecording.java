package io.pushmon.bench.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder profile of a running service, started and dumped with {@code jcmd}, and summarised as
 * the methods its CPU samples were in: what limits a service, in a form the report can show.
 */
public final class FlightRecording {

    private final long pid;
    private final Path file;

    private FlightRecording(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    /** Starts sampling (the JDK's "profile" settings: Java stacks every 10 ms per running thread). */
    public static FlightRecording start(long pid, Path file) throws IOException, InterruptedException {
        Jcmd.run(pid, "JFR.start", "name=bench", "settings=profile");
        return new FlightRecording(pid, file);
    }

    /** Stops sampling and writes the recording to its file. */
    public Path stop() throws IOException, InterruptedException {
        Jcmd.run(pid, "JFR.stop", "name=bench", "filename=" + file.toAbsolutePath());
        return file;
    }

    /**
     * The methods most CPU samples were in, by the frame at the top of the stack ("self") or by a frame anywhere
     * on it matching the prefix ("total"), each as a share of all samples, highest first.
     */
    public static List<String> hotMethods(Path recording, String prefix, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            frames.stream().map(FlightRecording::name).filter(n -> n.startsWith(prefix)).distinct()
                    .forEach(n -> total.merge(n, 1, Integer::sum));
        }
        int all = Math.max(samples, 1);
        List<String> lines = new ArrayList<>();
        lines.add(samples + " CPU samples");
        top(self, top).forEach(e -> lines.add(String.format(Locale.ROOT, "self %4.1f%%  %s", 100.0 * e.getValue() / all,
                e.getKey())));
        top(total, top).forEach(e -> lines.add(String.format(Locale.ROOT, "total %4.1f%%  %s", 100.0 * e.getValue()
                / all, e.getKey())));
        return lines;
    }

    private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int top) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(top).toList();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}

package io.pushmon.system.faults;

import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the monitors of a two-processor system over and over while one processor is killed: each monitor's state
 * straight from the surviving processor (which forwards to the owner while the owner lives), and each gateway's
 * {@code GET /api/monitors/{id}} and {@code /heartbeats} for the monitors that move. Every answer is tallied by a
 * {@link ReadProbe}; after the kill it notes when the survivor first served each moved monitor itself and when it
 * first showed each monitor down, both measured from the kill.
 */
final class TakeoverWatch implements AutoCloseable {

    private static final Duration PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_WATCH = Duration.ofMinutes(4);

    private final ReadProbe probe;
    private final PushmonSystem system;
    private final int survivor;
    private final List<String> moved;
    private final List<String> quitters;
    private final List<String> own;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Duration> served = new ConcurrentHashMap<>();
    private final Map<String, Duration> down = new ConcurrentHashMap<>();
    private volatile long killedAt;
    private volatile Instant killedAtWall;
    private volatile boolean confirmedDead;

    /**
     * Starts watching {@code monitors}; {@code moved} are those the processor about to be killed owns. Each round
     * reads every moved monitor and every quitter (their times are measured), one of the survivor's other monitors
     * and one moved monitor through each gateway, so a round stays short enough to time the takeover.
     */
    TakeoverWatch(ReadProbe probe, PushmonSystem system, int survivor, List<String> monitors, Set<String> moved,
            Set<String> quitters) {
        this.probe = probe;
        this.system = system;
        this.survivor = survivor;
        this.moved = monitors.stream().filter(moved::contains).toList();
        this.quitters = monitors.stream().filter(id -> quitters.contains(id) && !moved.contains(id)).toList();
        this.own = monitors.stream().filter(id -> !quitters.contains(id) && !moved.contains(id)).toList();
        this.thread = new Thread(this::watch, "takeover-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Marks the kill: {@code killedAt} is {@link System#nanoTime()} just before the SIGKILL, and this is called once
     * the process is gone, so an answer the killed owner gave through the survivor is never taken for a takeover.
     */
    void killed(long killedAt, Instant killedAtWall) {
        this.killedAt = killedAt;
        this.killedAtWall = killedAtWall;
        this.confirmedDead = true;
    }

    /** The wall clock of the kill, to find it in the services' and the broker's logs. */
    Instant killedAtWall() {
        return killedAtWall;
    }

    private void watch() {
        long deadline = System.nanoTime() + LONGEST_WATCH.toNanos();
        int round = 0;
        while (running.get() && System.nanoTime() < deadline) {
            moved.forEach(this::readSurvivor);
            quitters.forEach(this::readSurvivor);
            if (!own.isEmpty()) {
                readSurvivor(own.get(round % own.size()));
            }
            String sample = moved.get(round % moved.size());
            for (int gateway = 0; gateway < system.instances(Component.GATEWAY); gateway++) {
                String base = system.url(Component.GATEWAY, gateway) + "/api/monitors/" + sample;
                probe.read("gateway " + gateway + " GET /api/monitors/{id}", base);
                probe.read("gateway " + gateway + " GET /api/monitors/{id}/heartbeats", base + "/heartbeats");
            }
            round++;
            FaultRig.sleep(PAUSE);
        }
    }

    private void readSurvivor(String id) {
        boolean afterKill = confirmedDead;
        String kind = "processor " + survivor + " /internal/monitors/{id}/state, "
                + (moved.contains(id) ? "moved monitors" : "its own monitors");
        ReadProbe.Answer answer = probe.read(kind,
                system.url(Component.PROCESSOR, survivor) + "/internal/monitors/" + id + "/state");
        if (!afterKill || answer.status() != 200) {
            return;
        }
        Duration sinceKill = Duration.ofNanos(System.nanoTime() - killedAt);
        if (moved.contains(id)) {
            served.putIfAbsent(id, sinceKill);
        }
        if ("down".equals(answer.body().path("status").asText())) {
            down.putIfAbsent(id, sinceKill);
        }
    }

    /** How long after the kill the survivor first answered 200 for this moved monitor, if it has. */
    Optional<Duration> served(String id) {
        return Optional.ofNullable(served.get(id));
    }

    /** How long after the kill the survivor first showed this monitor down, if it has. */
    Optional<Duration> down(String id) {
        return Optional.ofNullable(down.get(id));
    }

    /** Stops the reads and waits for the round in progress. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

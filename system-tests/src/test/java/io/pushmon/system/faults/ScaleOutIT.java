package io.pushmon.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushmon.system.PushmonApi;
import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;
import io.pushmon.system.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 7, scenario 7: two gateways and two processors share the work, and {@code kill -9} takes one processor
 * while deadlines of its monitors are pending. Its partitions move to the survivor, which must emit each pending
 * down exactly once and none for the monitors that kept pushing, while reads through both gateways and the
 * survivor's internal reads answer 200 or 503 with Retry-After throughout. It runs with one standby replica (what
 * deploy/pushmon.yaml configures) and, for comparison, none, and prints how long the takeover took.
 *
 * <p>The gateways reach the processors through one address that spreads connections over the running instances,
 * as they reach the processors' Kubernetes Service in deploy/pushmon.yaml; so a gateway's read may land on either
 * processor, and after the kill only on the survivor.
 */
class ScaleOutIT {

    private static final int VICTIM = 0;
    private static final int SURVIVOR = 1;
    private static final int GATEWAYS = 2;
    private static final int KEEPERS = 8;
    private static final int QUITTERS = 16;
    private static final int KEEPER_TIMEOUT_SECONDS = 6;
    private static final int QUITTER_TIMEOUT_SECONDS = 4;
    /** The kill comes this long after the quitters' last pushes, so their deadlines fall while no one owns them. */
    private static final Duration KILL_AFTER_LAST_PUSH = Duration.ofSeconds(1);
    private static final Duration LOAD_PAUSE = Duration.ofMillis(20);
    private static final Pattern RESTORED = Pattern.compile("Finished restoring changelog \\S+ to store \\S+ with"
            + " a total number of (\\d+) records");

    @ParameterizedTest(name = "standby replicas: {0}")
    @ValueSource(ints = {1, 0})
    void aKilledProcessorsMonitorsMoveToTheOtherWithAnExactLedgerWhileReadsAnswerOnly200Or503WithRetryAfter(
            int standbys) throws InterruptedException {
        try (FaultRig rig = FaultRig.start(PushmonSystem.builder()
                .instances(Component.GATEWAY, GATEWAYS).instances(Component.PROCESSOR, 2)
                .setting(Component.PROCESSOR, "pushmon.processor.standby-replicas", Integer.toString(standbys)),
                WebhookReceiver.start())) {
            killOneOfTwoProcessors(rig, standbys);
        }
    }

    private void killOneOfTwoProcessors(FaultRig rig, int standbys) throws InterruptedException {
        Ledger ledger = new Ledger("7 scale-out, processor killed (standby " + standbys + ")");
        List<Monitor> keepers = create(rig, "keeper", KEEPERS, KEEPER_TIMEOUT_SECONDS);
        List<Monitor> quitters = create(rig, "quitter", QUITTERS, QUITTER_TIMEOUT_SECONDS);
        List<Monitor> loaded = create(rig, "loaded", GATEWAYS, 300);
        List<Monitor> all = Stream.of(keepers, quitters, loaded).flatMap(List::stream).toList();
        ReadProbe probe = new ReadProbe(rig.system.apiKey());
        List<PushmonApi> gateways = new ArrayList<>();
        for (int g = 0; g < GATEWAYS; g++) {
            PushmonApi gateway = rig.apiVia(g);
            // A gateway learns new monitors from Kafka; wait until each knows all, so no push is a 404.
            all.forEach(m -> await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> gateway.monitor(m.id()).status() == 200));
            gateways.add(gateway);
        }

        // Each monitor pushes through one gateway (monitor i through gateway i % 2), as jobs behind a load
        // balancer would spread; every push carries a msg unique to its pusher, so the ledger can find it.
        List<Pusher> pushers = gateways.stream().map(g -> new Pusher(g, Duration.ofSeconds(1))).toList();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(GATEWAYS);
        int[] ackedAtKill = new int[GATEWAYS];
        List<String> acked = new ArrayList<>();
        TakeoverWatch watch = null;
        Map<String, Integer> owners;
        long restoreLogFrom;
        try {
            for (int i = 0; i < KEEPERS; i++) {
                pushers.get(i % GATEWAYS).add(keepers.get(i));
            }
            for (int i = 0; i < QUITTERS; i++) {
                pushers.get(i % GATEWAYS).add(quitters.get(i));
            }
            for (int g = 0; g < GATEWAYS; g++) {
                Pusher pusher = pushers.get(g);
                Monitor monitor = loaded.get(g);
                load.submit(() -> {
                    while (loading.get()) {
                        pusher.pushOnce(monitor);
                        FaultRig.sleep(LOAD_PAUSE);
                    }
                });
            }
            keepers.forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(30)));
            quitters.forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(30)));

            owners = owners(rig, probe, Stream.concat(keepers.stream(), quitters.stream()).toList());
            Set<String> moved = ownedBy(VICTIM, owners);
            assertThat(ids(keepers)).as("keepers on the processor to be killed").containsAnyElementsOf(moved);
            assertThat(ids(quitters)).as("quitters on the processor to be killed").containsAnyElementsOf(moved);
            assertThat(ids(quitters)).as("quitters on the survivor").containsAnyElementsOf(ownedBy(SURVIVOR, owners));
            watch = new TakeoverWatch(probe, rig.system, SURVIVOR,
                    Stream.concat(keepers.stream(), quitters.stream()).map(Monitor::id).toList(), moved,
                    ids(quitters));
            FaultRig.sleep(Duration.ofSeconds(2));

            // The quitters' jobs die: one last push each, then silence.
            for (int i = 0; i < QUITTERS; i++) {
                pushers.get(i % GATEWAYS).remove(quitters.get(i));
                assertThat(pushers.get(i % GATEWAYS).pushOnce(quitters.get(i))).isTrue();
            }
            FaultRig.sleep(KILL_AFTER_LAST_PUSH);
            for (int g = 0; g < GATEWAYS; g++) {
                ackedAtKill[g] = pushers.get(g).acked().size();
            }
            restoreLogFrom = size(rig.system.process(Component.PROCESSOR, SURVIVOR).log());
            long killedAt = System.nanoTime();
            Instant killedAtWall = Instant.now();
            rig.system.kill(Component.PROCESSOR, VICTIM);
            watch.killed(killedAt, killedAtWall);

            quitters.forEach(m -> rig.awaitStatus(m, "down", Duration.ofSeconds(90)));
            TakeoverWatch watching = watch;
            await().atMost(Duration.ofSeconds(60)).until(() -> moved.stream().allMatch(id -> watching.served(id)
                    .isPresent()));
            // The keepers go on pushing for longer than their timeout after the takeover: none may go down.
            FaultRig.sleep(Duration.ofSeconds(KEEPER_TIMEOUT_SECONDS + 2));
            keepers.forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(5)));
            await().atMost(Duration.ofSeconds(30)).until(() -> rig.notifications().size() >= QUITTERS);
        } finally {
            if (watch != null) {
                watch.close();
            }
            loading.set(false);
            load.shutdown();
            load.awaitTermination(30, TimeUnit.SECONDS);
            pushers.forEach(Pusher::close);
            pushers.forEach(p -> acked.addAll(p.acked()));
        }

        ledger.heartbeats(acked, rig.heartbeats())
                .events(ids(quitters), Stream.concat(ids(keepers).stream(), ids(loaded).stream())
                        .collect(Collectors.toSet()), rig.committedEvents())
                .notifications(rig.notifications())
                .print();
        Set<String> moved = ownedBy(VICTIM, owners);
        new Takeover(standbys, watch, moved, ids(quitters),
                restored(rig.system.process(Component.PROCESSOR, SURVIVOR).log(), restoreLogFrom)).print(probe);

        for (int g = 0; g < GATEWAYS; g++) {
            Pusher pusher = pushers.get(g);
            assertThat(ackedAtKill[g]).as("pushes gateway " + g + " acknowledged before the kill").isGreaterThan(50);
            assertThat(pusher.acked().size() - ackedAtKill[g]).as("pushes gateway " + g + " acknowledged after it")
                    .isGreaterThan(50);
            assertThat(pusher.refused() + pusher.answered(404) + pusher.answered(503))
                    .as("pushes through gateway " + g + " not answered 200").isZero();
        }
        ledger.assertExact();
        assertThat(ledger.downsEmitted()).isEqualTo(QUITTERS);
        assertThat(ledger.keyMismatches()).isZero();
        assertThat(probe.violations()).as("reads that were neither 200 nor 503 with Retry-After").isEmpty();
        assertThat(probe.count("processor " + SURVIVOR + " /internal/monitors/{id}/state, moved monitors",
                "503 Retry-After")).as("the survivor said when to retry while the moved monitors had no owner")
                .isPositive();
    }

    private static List<Monitor> create(FaultRig rig, String name, int count, int timeoutSeconds) {
        List<Monitor> monitors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            monitors.add(rig.monitor(name + "-" + i, timeoutSeconds));
        }
        return monitors;
    }

    /**
     * Which processor owns each monitor: a read marked as forwarded is answered only by the owner (another instance
     * answers 503 rather than forwarding again), so exactly one processor answers 200 once the group is settled.
     */
    private static Map<String, Integer> owners(FaultRig rig, ReadProbe probe, List<Monitor> monitors) {
        Map<String, Integer> owners = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            owners.clear();
            for (Monitor monitor : monitors) {
                List<Integer> answering = new ArrayList<>();
                for (int p = 0; p < rig.system.instances(Component.PROCESSOR); p++) {
                    String url = rig.system.url(Component.PROCESSOR, p) + "/internal/monitors/" + monitor.id()
                            + "/state";
                    if (probe.get(url, Map.of("X-Pushmon-Forwarded", "true")).status() == 200) {
                        answering.add(p);
                    }
                }
                if (answering.size() != 1) {
                    return false;
                }
                owners.put(monitor.id(), answering.get(0));
            }
            return true;
        });
        return owners;
    }

    private static Set<String> ownedBy(int processor, Map<String, Integer> owners) {
        return owners.entrySet().stream().filter(e -> e.getValue() == processor).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static Set<String> ids(List<Monitor> monitors) {
        return monitors.stream().map(Monitor::id).collect(Collectors.toSet());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Changelog records the survivor restored after the kill, summed from Kafka Streams' "Finished restoring"
     * lines in its log: with a standby replica only what the standby had not caught up with, without one the
     * moved tasks' whole changelogs.
     */
    private static long restored(Path log, long from) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            String after = new String(bytes, (int) from, bytes.length - (int) from, StandardCharsets.UTF_8);
            Matcher matcher = RESTORED.matcher(after);
            long records = 0;
            while (matcher.find()) {
                records += Long.parseLong(matcher.group(1));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The takeover as measured from the kill, printed and kept in {@code target/faults-takeover.md}. */
    private record Takeover(int standbys, TakeoverWatch watch, Set<String> moved, Set<String> quitters,
            long restoredRecords) {

        void print(ReadProbe probe) {
            List<Duration> served = moved.stream().map(watch::served).flatMap(Optional::stream).sorted().toList();
            Optional<Duration> movedDown = quitters.stream().filter(moved::contains).map(watch::down)
                    .flatMap(Optional::stream).min(Duration::compareTo);
            Optional<Duration> ownDown = quitters.stream().filter(q -> !moved.contains(q)).map(watch::down)
                    .flatMap(Optional::stream).min(Duration::compareTo);
            String line = String.format("| standby %d | %d | %s | %s | %s | %s | %d |", standbys, moved.size(),
                    seconds(served.stream().findFirst()), seconds(served.stream().reduce((a, b) -> b)),
                    seconds(movedDown), seconds(ownDown), restoredRecords);
            String header = "| processor killed | monitors moved | survivor serves the first | ... the last"
                    + " | first down of a moved monitor | first down on the survivor's own partitions"
                    + " | changelog records restored |\n|---|---:|---:|---:|---:|---:|---:|";
            System.out.println("Takeover after kill -9 at " + watch.killedAtWall() + " (deadlines of the quitters at"
                    + " kill + " + (QUITTER_TIMEOUT_SECONDS - KILL_AFTER_LAST_PUSH.toSeconds()) + " s):\n" + header
                    + "\n" + line);
            System.out.println("Reads during the scenario: " + probe.tallies());
            Path file = Path.of("target", "faults-takeover.md");
            try {
                Files.writeString(file, (Files.exists(file) ? "" : header + "\n") + line + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String seconds(Optional<Duration> duration) {
            return duration.map(d -> String.format("%.1f s", d.toMillis() / 1000.0)).orElse("-");
        }
    }
}

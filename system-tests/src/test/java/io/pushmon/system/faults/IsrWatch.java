package io.pushmon.system.faults;

import io.pushmon.system.KafkaCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The leader and in-sync replicas of every partition of one topic over time, sampled through the Admin client
 * (what the brokers' metadata says, every 250 ms), next to when the scenario killed and restarted which node. A
 * push's answer can then be laid against the state of the partition it was written to while it waited.
 */
final class IsrWatch implements AutoCloseable {

    record PartitionState(int leader, List<Integer> isr) {
    }

    record Sample(Instant at, Map<Integer, PartitionState> partitions) {
    }

    /** When a node was down: from its kill to the start of its restart ({@code null} while still down). */
    record Outage(int node, Instant killed, Instant restarted) {

        boolean covers(Instant at) {
            return !at.isBefore(killed) && (restarted == null || at.isBefore(restarted));
        }
    }

    /** Why the partition of a push could or could not take the write while the push waited. */
    enum Cause {
        /** Fewer than min.insync.replicas (2) in sync: Kafka must refuse the write. */
        UNDER_MIN_ISR,
        /**
         * The leader was a killed node, or a killed node was still listed in sync: acks=all waits for every listed
         * replica, so the write waits until the controller fences the dead node (broker.session.timeout.ms).
         */
        DEAD_NODE_LISTED,
        /** Two or more live replicas in sync and a live leader the whole time. */
        HEALTHY
    }

    private static final Duration EVERY = Duration.ofMillis(250);

    private final KafkaCluster cluster;
    private final String topic;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final List<Outage> outages = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

    IsrWatch(KafkaCluster cluster, String topic) {
        this.cluster = cluster;
        this.topic = topic;
        sampler.scheduleWithFixedDelay(this::sample, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            List<TopicPartitionInfo> partitions = cluster.describe(Set.of(topic)).get(topic);
            Map<Integer, PartitionState> states = new HashMap<>();
            for (TopicPartitionInfo p : partitions) {
                states.put(p.partition(), new PartitionState(p.leader() == null ? -1 : p.leader().id(),
                        p.isr().stream().map(Node::id).toList()));
            }
            samples.add(new Sample(Instant.now(), Map.copyOf(states)));
        } catch (ExecutionException | TimeoutException e) {
            // No answer is a gap in the samples, not a state; the next round tries again.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void killed(int node) {
        outages.add(new Outage(node, Instant.now(), null));
    }

    void restarting(int node) {
        for (int i = 0; i < outages.size(); i++) {
            Outage outage = outages.get(i);
            if (outage.node() == node && outage.restarted() == null) {
                outages.set(i, new Outage(node, outage.killed(), Instant.now()));
            }
        }
    }

    List<Outage> outages() {
        return List.copyOf(outages);
    }

    /**
     * The worst state of {@code partition} while a push waited from {@code from} to {@code to}: the samples taken
     * meanwhile and the last one before and the first one after, since a state holds until the next sample (the
     * sampler's own requests fail for a moment when they meet the killed node).
     */
    Cause worst(int partition, Instant from, Instant to) {
        Cause worst = Cause.HEALTHY;
        for (Sample sample : around(from, to)) {
            PartitionState state = sample.partitions().get(partition);
            if (state == null) {
                continue;
            }
            if (state.isr().size() < 2) {
                return Cause.UNDER_MIN_ISR;
            }
            if (state.leader() < 0 || isDown(state.leader(), sample.at())
                    || state.isr().stream().anyMatch(n -> isDown(n, sample.at()))) {
                worst = Cause.DEAD_NODE_LISTED;
            }
        }
        return worst;
    }

    /** The samples from the last one at or before {@code from} to the first one at or after {@code to}. */
    List<Sample> around(Instant from, Instant to) {
        List<Sample> all = List.copyOf(samples);
        int first = 0;
        int last = all.size() - 1;
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).at().isAfter(from)) {
                first = i;
            }
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            if (!all.get(i).at().isBefore(to)) {
                last = i;
            }
        }
        return first <= last ? all.subList(first, last + 1) : List.of();
    }

    private boolean isDown(int node, Instant at) {
        return outages.stream().anyMatch(o -> o.node() == node && o.covers(at));
    }

    /** The smallest in-sync replica count any partition had in any sample. */
    int minIsr() {
        return samples.stream().flatMap(s -> s.partitions().values().stream()).mapToInt(p -> p.isr().size()).min()
                .orElse(-1);
    }

    /**
     * How long after the kill the killed node was still leader or listed in sync for some partition: the time the
     * controller took to fence it; empty if no sample saw it listed.
     */
    Optional<Duration> listedAfterKill(Outage outage) {
        return samples.stream().filter(s -> outage.covers(s.at()))
                .filter(s -> s.partitions().values().stream()
                        .anyMatch(p -> p.leader() == outage.node() || p.isr().contains(outage.node())))
                .map(s -> Duration.between(outage.killed(), s.at())).reduce((a, b) -> b);
    }

    int sampleCount() {
        return samples.size();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

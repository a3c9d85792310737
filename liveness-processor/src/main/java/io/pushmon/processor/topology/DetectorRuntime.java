package io.pushmon.processor.topology;

import java.time.Duration;
import java.util.Optional;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;


/**
 * One running detector: Kafka Streams on the detector topology, once pushmon's topics exist.
 * Usable without Quarkus, so tests on the real broker can stop and restart it like a process would be.
 */
public final class DetectorRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DetectorRuntime.class);

    private final StreamsSettings settings;
    private final Topology topology;
    private volatile KafkaStreams streams;

    public DetectorRuntime(StreamsSettings settings, Topology topology) {
        this.settings = settings;
        this.topology = topology;
    }

    /** Starts processing; returns without waiting. */
    public void start() {
        KafkaStreams created = new KafkaStreams(topology, settings.toProperties());
        created.setStateListener((next, previous) ->
                LOG.infof("Kafka Streams %s: %s -> %s", settings.applicationId(), previous, next));
        // A failed thread (e.g. a fenced producer) is replaced; its tasks resume from the last commit.
        created.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        created.start();
        streams = created;
    }

    /** The running streams instance, empty before start and after close. */
    public Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.NOT_RUNNING : current.state();
    }

    @Override
    public void close() {
        KafkaStreams current = streams;
        streams = null;
        if (current != null) {
            // Leaving hands this instance's partitions to the others at once instead of after the session timeout
            // (effective for static members only, see StreamsSettings).
            current.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
        }
    }
}

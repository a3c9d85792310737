package io.pushmon.processor.topology;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.streams.KafkaStreams;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushmon.common.kafka.KafkaAccess;
import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.topics.TopicProvisioner;
import io.pushmon.processor.config.ProcessorConfig;
import io.pushmon.processor.detector.DetectorMetrics;
import io.pushmon.processor.detector.DetectorSettings;
import io.pushmon.processor.policy.PolicyMetrics;
import io.pushmon.processor.policy.PolicySettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Runs the detector for the lifetime of the Quarkus application. */
@ApplicationScoped
public class DetectorService {

    private final ProcessorConfig config;
    private final KafkaConfig kafka;
    private final MeterRegistry registry;
    private DetectorRuntime runtime;

    public DetectorService(ProcessorConfig config, KafkaConfig kafka, MeterRegistry registry) {
        this.config = config;
        this.kafka = kafka;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        ProcessorConfig.Detector detector = config.detector();
        DetectorSettings settings = new DetectorSettings(detector.punctuationInterval(), detector.margin(),
                detector.gapThreshold(), detector.budget(), detector.failureRetry());
        DetectorMetrics metrics = new DetectorMetrics(registry, Clock.systemUTC());
        runtime = new DetectorRuntime(streamsSettings(), DetectorTopology.build(settings, metrics, policySettings(),
                new PolicyMetrics(registry)));
        TopicProvisioner.provision(kafka, KafkaAccess.Service.PROCESSOR);
        runtime.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** The running streams instance, empty while starting or stopped. */
    public Optional<KafkaStreams> streams() {
        return runtime == null ? Optional.empty() : runtime.streams();
    }

    public KafkaStreams.State state() {
        return runtime == null ? KafkaStreams.State.CREATED : runtime.state();
    }

    /** host:port this instance announces to the others. */
    public String applicationServer() {
        return config.applicationServer();
    }

    private PolicySettings policySettings() {
        ProcessorConfig.Policy policy = config.policy();
        ProcessorConfig.Policy.Storm storm = policy.storm();
        String onRecovery = storm.onRecovery().strip().toLowerCase(Locale.ROOT);
        if (!onRecovery.equals("release") && !onRecovery.equals("drop")) {
            throw new IllegalArgumentException("pushmon.processor.policy.storm.on-recovery must be release or drop, not "
                    + storm.onRecovery());
        }
        Optional<String[]> operator = storm.operatorChannel().map(value -> value.split("/", 2));
        if (operator.isPresent() && operator.get().length != 2) {
            throw new IllegalArgumentException(
                    "pushmon.processor.policy.storm.operator-channel must be tenant/channel");
        }
        return new PolicySettings(policy.punctuationInterval(), policy.grouping().enabled(),
                policy.grouping().window(), policy.grouping().minSize(), policy.grouping().untagged(),
                new PolicySettings.Storm(storm.enabled(), storm.downShare(), storm.ingestDrop(), storm.minMonitors(),
                        storm.confirm(), storm.settle(), onRecovery.equals("release"), operator.map(parts -> parts[0]),
                        operator.map(parts -> parts[1]), storm.pulseInterval(), storm.pulseStale()));
    }

    private StreamsSettings streamsSettings() {
        return new StreamsSettings(config.applicationId(), KafkaClients.connection(kafka),
                Path.of(config.stateDir()), config.applicationServer(), config.streamThreads(),
                config.standbyReplicas(), kafka.replicationFactor(), config.commitInterval().toMillis(),
                config.sessionTimeout().toMillis(), config.instanceId(), config.rack(), rocksDbSettings(config),
                config.producerRetryBackoff().toMillis());
    }

    /** The RocksDB settings of {@code config}; package-visible for the test of their defaults and their checks. */
    static RocksDbSettings rocksDbSettings(ProcessorConfig config) {
        return new RocksDbSettings(config.rocksdbMemory().asLongValue(), config.rocksdbCompression(),
                config.rocksdbWriteBufferSize().asLongValue(), config.rocksdbMaxWriteBuffers(),
                config.rocksdbBlockSize().asLongValue());
    }
}

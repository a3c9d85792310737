package io.pushmon.kafka.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.Uuid;

import kafka.tools.StorageTool;

/**
 * A real single-node KRaft broker (broker and controller in one process) for {@code ./pushmon-local}. It
 * formats its storage on first start and reuses it afterwards, so a restart keeps every topic.
 *
 * <p>Usage: {@code LocalKafka [--data-dir DIR] [--port 9092] [--controller-port 9093]}. Stops cleanly on
 * SIGTERM/SIGINT through the broker's own shutdown hook.
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path dataDir = Path.of(options.getOrDefault("data-dir", ".pushmon/kafka")).toAbsolutePath();
        int port = Integer.parseInt(options.getOrDefault("port", "9092"));
        int controllerPort = Integer.parseInt(options.getOrDefault("controller-port", String.valueOf(port + 1)));

        Path config = writeConfig(dataDir, port, controllerPort);
        format(dataDir, config);
        System.out.println("pushmon local Kafka: starting on 127.0.0.1:" + port + " (data in " + dataDir + ")");
        kafka.Kafka.main(new String[] {config.toString()});
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "usage: LocalKafka [--data-dir DIR] [--port N] [--controller-port N], got: " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    /** The broker's configuration for one combined node on loopback. */
    static Map<String, String> serverProperties(Path dataDir, int port, int controllerPort) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("logs").toString());
        props.put("num.partitions", "1");
        props.putAll(BrokerSettings.singleNode());
        return props;
    }

    private static Path writeConfig(Path dataDir, int port, int controllerPort) throws IOException {
        Files.createDirectories(dataDir);
        Path config = dataDir.resolve("server.properties");
        String text = serverProperties(dataDir, port, controllerPort).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "# written by pushmon LocalKafka on every start\n", "\n"));
        Files.writeString(config, text, StandardCharsets.UTF_8);
        return config;
    }

    /** Formats the storage once; the cluster id is kept beside it so later starts find the same cluster. */
    private static void format(Path dataDir, Path config) throws IOException {
        Path clusterIdFile = dataDir.resolve("cluster.id");
        if (!Files.exists(clusterIdFile)) {
            Files.writeString(clusterIdFile, Uuid.randomUuid().toString(), StandardCharsets.UTF_8);
        }
        String clusterId = Files.readString(clusterIdFile, StandardCharsets.UTF_8).trim();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        int code = StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"}, quiet);
        if (code != 0) {
            throw new UncheckedIOException(new IOException("Formatting Kafka storage in " + dataDir + " failed: " + code));
        }
    }
}

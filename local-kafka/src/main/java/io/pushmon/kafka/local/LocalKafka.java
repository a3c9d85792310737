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
 *
 * <p>The same class runs one node of a multi-node cluster when given {@code --node-id N --voters
 * 1@127.0.0.1:P1,2@127.0.0.1:P2,3@127.0.0.1:P3 --cluster-id ID}: every node is broker and controller, so a
 * cluster of three keeps its controller quorum with one node down. Each node is its own process with its own data
 * directory, so a test can SIGKILL one and start it again on the same data.
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path dataDir = Path.of(options.getOrDefault("data-dir", ".pushmon/kafka")).toAbsolutePath();
        int port = Integer.parseInt(options.getOrDefault("port", "9092"));
        int controllerPort = Integer.parseInt(options.getOrDefault("controller-port", String.valueOf(port + 1)));

        Map<String, String> props;
        if (options.containsKey("voters")) {
            props = clusterNodeProperties(dataDir, Integer.parseInt(required(options, "node-id")), port,
                    controllerPort, required(options, "voters"));
            writeClusterId(dataDir, required(options, "cluster-id"));
        } else {
            props = serverProperties(dataDir, port, controllerPort);
        }
        Path config = writeConfig(dataDir, props);
        format(dataDir, config);
        System.out.println("pushmon local Kafka: starting on 127.0.0.1:" + port + " (data in " + dataDir + ")");
        kafka.Kafka.main(new String[] {config.toString()});
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "usage: LocalKafka [--data-dir DIR] [--port N] [--controller-port N]"
                                + " [--node-id N --voters ID@HOST:PORT,... --cluster-id ID], got: "
                                + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("a cluster node needs --" + name);
        }
        return value;
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

    /**
     * One node of a cluster on loopback: broker and controller, {@code voters} the whole controller quorum
     * ({@code id@host:port,...}), replicated as {@link BrokerSettings#cluster(int)} says for that many nodes.
     */
    static Map<String, String> clusterNodeProperties(Path dataDir, int nodeId, int port, int controllerPort,
            String voters) {
        int nodes = voters.split(",").length;
        Map<String, String> props = new LinkedHashMap<>(serverProperties(dataDir, port, controllerPort));
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", voters);
        props.putAll(BrokerSettings.cluster(nodes));
        return props;
    }

    /** Every node of a cluster must be formatted with the same id, so it is given, not made up per node. */
    private static void writeClusterId(Path dataDir, String clusterId) throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("cluster.id"), clusterId, StandardCharsets.UTF_8);
    }

    private static Path writeConfig(Path dataDir, Map<String, String> props) throws IOException {
        Files.createDirectories(dataDir);
        Path config = dataDir.resolve("server.properties");
        String text = props.entrySet().stream()
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

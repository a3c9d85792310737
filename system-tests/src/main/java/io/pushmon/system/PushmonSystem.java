package io.pushmon.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole of pushmon as separate OS processes, the way {@code ./pushmon-local} runs it: the local KRaft broker
 * and the packaged services ({@code <module>/target/quarkus-app/quarkus-run.jar}), each on a free loopback port,
 * with a fresh data directory under {@code system-tests/target/} and one log file per process.
 *
 * <p>Every process can be stopped (SIGTERM), killed (SIGKILL) and started again on the same ports and data, so
 * fault-injection suites can build on this. {@link #close()} stops everything; a JVM shutdown hook does the same
 * if a test run is cut short.
 *
 * <p>A service can run as several instances ({@link Builder#instances}), numbered from 0; the methods without an
 * instance number address instance 0. Each instance has its own port and log, and each processor its own state
 * directory and {@code application-server}. When the processor or the dispatcher runs more than once, the gateways
 * reach it through a {@link ServiceBalancer}, as they reach a Kubernetes Service in {@code deploy/pushmon.yaml}.
 */
public final class PushmonSystem implements AutoCloseable {

    /** The processes of a running system, in start order. */
    public enum Component {
        KAFKA(null), GATEWAY("ingest-gateway"), PROCESSOR("liveness-processor"), DISPATCHER("alert-dispatcher");

        private final String module;

        Component(String module) {
            this.module = module;
        }

        /** The Maven module of a service; null for the broker. */
        public String module() {
            return module;
        }
    }

    private static final List<Component> ALL_SERVICES = List.of(Component.GATEWAY, Component.PROCESSOR,
            Component.DISPATCHER);

    /** The default heap of a service: enough for tests and local runs; benchmarks pass their own. */
    /** The broker's default: small and quick to start (C1 only), as tests want it. */
    private static final List<String> DEFAULT_BROKER_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");
    private static final List<String> DEFAULT_SERVICE_JVM = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");

    private final Path root;
    private final Path dataDir;
    private final List<Component> services;
    private final Map<Component, Integer> instances;
    private final String apiKey;
    /** pushmon.secrets.keys of this system: one key made for it, so no two systems share one. */
    private final String secretsKeys = "system:" + Base64.getEncoder().encodeToString(randomBytes(32));
    private final Duration readyTimeout;
    private final Map<Component, List<Integer>> ports = new EnumMap<>(Component.class);
    private final Map<Component, List<ManagedProcess>> processes = new EnumMap<>(Component.class);
    private final Map<Component, Integer> balancerPorts = new EnumMap<>(Component.class);
    /** The gateways' management interface (health, metrics), one free port per instance. */
    private final List<Integer> gatewayManagementPorts = new ArrayList<>();
    private final List<ServiceBalancer> balancers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = new Thread(this::stopAll, "pushmon-system-shutdown");
    private final int controllerPort;
    private final String externalKafka;
    private final int replicationFactor;
    private boolean closed;

    private PushmonSystem(Builder builder) {
        this.root = builder.root;
        this.readyTimeout = builder.readyTimeout;
        this.apiKey = builder.apiKey != null ? builder.apiKey : newApiKey();
        this.dataDir = builder.dataDir != null ? builder.dataDir : root.resolve("system-tests/target/pushmon-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        this.services = ALL_SERVICES.stream().filter(builder.services::contains).toList();
        this.instances = new EnumMap<>(builder.instances);
        for (Component component : Component.values()) {
            List<Integer> instancePorts = new ArrayList<>();
            for (int i = 0; i < instances(component); i++) {
                instancePorts.add(freePort());
            }
            ports.put(component, instancePorts);
            if (services.contains(component) && component != Component.GATEWAY && instances(component) > 1) {
                balancerPorts.put(component, freePort());
            }
        }
        for (int i = 0; i < instances(Component.GATEWAY); i++) {
            gatewayManagementPorts.add(freePort());
        }
        controllerPort = freePort();
        externalKafka = builder.externalKafka;
        replicationFactor = builder.replicationFactor;
        defineProcesses(builder.settings, builder.environment, builder.jvmOptions, builder.appDirs);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a system with default settings and waits until every service is ready. */
    public static PushmonSystem start() {
        return builder().start();
    }

    public String gatewayUrl() {
        return url(Component.GATEWAY);
    }

    /** The base URL of a service (its instance 0), e.g. {@code http://127.0.0.1:41234}. */
    public String url(Component service) {
        return url(service, 0);
    }

    /** The base URL of one instance of a service. */
    public String url(Component service, int instance) {
        if (service == Component.KAFKA) {
            throw new IllegalArgumentException("the broker speaks Kafka, not HTTP: use kafkaBootstrap()");
        }
        return "http://127.0.0.1:" + port(service, instance);
    }

    /**
     * Where an instance serves {@code /q/health} and {@code /q/metrics}: the gateway on its management port, the
     * other services on their HTTP port.
     */
    public String managementUrl(Component service, int instance) {
        return service == Component.GATEWAY
                ? "http://127.0.0.1:" + gatewayManagementPorts.get(checked(service, instance))
                : url(service, instance);
    }

    /**
     * Where the gateways reach a service: the balancer in front of its instances when it runs more than once (a
     * Kubernetes Service), else its one instance.
     */
    public String serviceUrl(Component service) {
        Integer balancer = balancerPorts.get(service);
        return balancer != null ? "http://127.0.0.1:" + balancer : url(service);
    }

    /** How many instances of this component the system runs (the broker: 1). */
    public int instances(Component component) {
        return instances.getOrDefault(component, 1);
    }

    /** The read-write API key of tenant {@code default}. */
    public String apiKey() {
        return apiKey;
    }

    public String kafkaBootstrap() {
        if (externalKafka != null) {
            return externalKafka;
        }
        return "127.0.0.1:" + port(Component.KAFKA);
    }

    public int port(Component component) {
        return port(component, 0);
    }

    public int port(Component component, int instance) {
        return ports.get(component).get(checked(component, instance));
    }

    /** The repository the jars and examples are taken from. */
    public Path root() {
        return root;
    }

    /** This system's data: the broker's log, the processor's state, {@code logs/}. */
    public Path dataDir() {
        return dataDir;
    }

    public ManagedProcess process(Component component) {
        return process(component, 0);
    }

    public ManagedProcess process(Component component, int instance) {
        List<ManagedProcess> running = processes.get(component);
        if (running == null) {
            throw new IllegalArgumentException(component + " is not one of this system's services");
        }
        return running.get(checked(component, instance));
    }

    /** SIGTERM to one process; SIGKILL if it has not ended within 15 s. True if it ended on its own. */
    public boolean stop(Component component) {
        return stop(component, 0);
    }

    public boolean stop(Component component, int instance) {
        return process(component, instance).stop(Duration.ofSeconds(15));
    }

    /** SIGKILL to one process. */
    public void kill(Component component) {
        kill(component, 0);
    }

    public void kill(Component component, int instance) {
        process(component, instance).kill();
    }

    /** Starts a stopped or killed process again on the same port and data and waits until it is ready. */
    public void restart(Component component) {
        restart(component, 0);
    }

    public void restart(Component component, int instance) {
        ManagedProcess process = process(component, instance);
        process.stop(Duration.ofSeconds(15));
        process.start();
        awaitReady(component, instance);
    }

    /**
     * Restarts a service with one more environment variable, for settings that name what exists only once the
     * system runs (a channel created through the API, say).
     */
    public void restartWith(Component component, int instance, String variable, String value) {
        process(component, instance).setEnvironment(variable, value);
        restart(component, instance);
    }

    private int checked(Component component, int instance) {
        if (instance < 0 || instance >= instances(component)) {
            throw new IllegalArgumentException(component + " has no instance " + instance + " (it runs "
                    + instances(component) + ")");
        }
        return instance;
    }

    private void startAll() {
        try {
            Files.createDirectories(dataDir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            if (externalKafka == null) {
                process(Component.KAFKA).start();
                awaitReady(Component.KAFKA, 0);
            }
            balancerPorts.forEach((service, port) -> balancers.add(ServiceBalancer.open(service.module(), port,
                    backends(service))));
            serviceProcesses().forEach(ManagedProcess::start);
            // Waited for together: the services boot in parallel, so the slowest one sets the time.
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (Component service : services) {
                for (int i = 0; i < instances(service); i++) {
                    int instance = i;
                    ready.add(CompletableFuture.runAsync(() -> awaitReady(service, instance)));
                }
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private List<ServiceBalancer.Backend> backends(Component service) {
        List<ServiceBalancer.Backend> backends = new ArrayList<>();
        for (int i = 0; i < instances(service); i++) {
            backends.add(new ServiceBalancer.Backend(process(service, i), port(service, i)));
        }
        return backends;
    }

    private List<ManagedProcess> serviceProcesses() {
        return services.stream().flatMap(s -> processes.get(s).stream()).toList();
    }

    private void awaitReady(Component component, int instance) {
        ManagedProcess process = process(component, instance);
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (!isReady(component, instance)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process + " exited before it was ready; log " + process.log() + ":\n"
                        + process.tail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process + " was not ready after " + readyTimeout + "; log "
                        + process.log() + ":\n" + process.tail(40));
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** The broker is ready when it accepts connections; a service when {@code /q/health/ready} answers 200. */
    public boolean isReady(Component component) {
        return isReady(component, 0);
    }

    public boolean isReady(Component component, int instance) {
        if (component == Component.KAFKA) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port(component)), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl(component, instance) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + component, e);
        }
    }

    /** Stops the services first and the broker last, so the services can close their Kafka clients cleanly. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; nothing left to unregister.
        }
    }

    private void stopAll() {
        CompletableFuture.allOf(serviceProcesses().stream()
                .map(p -> CompletableFuture.runAsync(() -> p.stop(Duration.ofSeconds(15))))
                .toArray(CompletableFuture[]::new)).join();
        balancers.forEach(ServiceBalancer::close);
        if (externalKafka == null) {
            process(Component.KAFKA).stop(Duration.ofSeconds(10));
        }
    }

    private void defineProcesses(Map<Component, Map<String, String>> extra,
            Map<Component, Map<String, String>> extraEnvironment, Map<Component, List<String>> jvm,
            Map<Component, Path> appDirs) {
        Path logs = dataDir.resolve("logs");
        if (externalKafka == null) {
            defineBroker(jvm, logs);
        }
        defineServices(extra, extraEnvironment, jvm, appDirs, logs);
    }

    private void defineBroker(Map<Component, List<String>> jvm, Path logs) {
        String kafkaClasspath;
        try {
            kafkaClasspath = root.resolve("local-kafka/target/classes") + ":"
                    + Files.readString(root.resolve("local-kafka/target/runtime-classpath.txt")).strip();
        } catch (IOException e) {
            throw new IllegalStateException("local-kafka is not built (no local-kafka/target/runtime-classpath.txt);"
                    + " run ./mvnw install -DskipTests first", e);
        }
        List<String> kafka = new ArrayList<>(List.of(java()));
        kafka.addAll(jvm.getOrDefault(Component.KAFKA, DEFAULT_BROKER_JVM));
        kafka.addAll(List.of("-Dlog4j2.configurationFile=classpath:local-kafka-log4j2.properties", "-cp", kafkaClasspath,
                "io.pushmon.kafka.local.LocalKafka", "--data-dir", dataDir.resolve("kafka").toString(),
                "--port", Integer.toString(port(Component.KAFKA)),
                "--controller-port", Integer.toString(controllerPort)));
        processes.put(Component.KAFKA, List.of(new ManagedProcess("kafka", kafka, Map.of(), root,
                logs.resolve("kafka.log"))));
    }

    private void defineServices(Map<Component, Map<String, String>> extra,
            Map<Component, Map<String, String>> extraEnvironment, Map<Component, List<String>> jvm,
            Map<Component, Path> appDirs, Path logs) {
        for (Component service : services) {
            Path appDir = appDirs.get(service);
            Path jar = (appDir != null ? appDir : root.resolve(service.module() + "/target/quarkus-app"))
                    .resolve("quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: " + (appDir != null
                        ? "the app directory given for " + service + " is not a packaged Quarkus app"
                        : "package the services first (./mvnw install -DskipTests, or run this module after them in"
                                + " the reactor)"));
            }
            List<ManagedProcess> serviceInstances = new ArrayList<>();
            for (int instance = 0; instance < instances(service); instance++) {
                Map<String, String> settings = new LinkedHashMap<>(serviceSettings(service, instance));
                settings.putAll(extra.getOrDefault(service, Map.of()));
                List<String> command = new ArrayList<>(List.of(java()));
                command.addAll(jvm.getOrDefault(service, DEFAULT_SERVICE_JVM));
                settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
                command.addAll(List.of("-jar", jar.toString()));
                // The key goes in the environment, as ./pushmon-local and docker-compose pass it, not on the command
                // line.
                Map<String, String> env = new LinkedHashMap<>();
                switch (service) {
                    case GATEWAY -> {
                        env.put("PUSHMON_API_KEY", apiKey);
                        env.put("PUSHMON_SECRETS_KEYS", secretsKeys);
                    }
                    case DISPATCHER -> env.put("PUSHMON_SECRETS_KEYS", secretsKeys);
                    default -> {
                    }
                }
                env.putAll(extraEnvironment.getOrDefault(service, Map.of()));
                String name = instanceName(service.module(), instance);
                serviceInstances.add(new ManagedProcess(name, command, env, root, logs.resolve(name + ".log")));
            }
            processes.put(service, List.copyOf(serviceInstances));
        }
    }

    /** Instance 0 keeps the plain name, so a one-instance system has the same logs and folders as before. */
    private static String instanceName(String base, int instance) {
        return instance == 0 ? base : base + "-" + instance;
    }

    /** The settings ./pushmon-local passes; each service gets only what it reads. */
    private Map<String, String> serviceSettings(Component service, int instance) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("quarkus.http.host", "127.0.0.1");
        settings.put("quarkus.http.port", Integer.toString(port(service, instance)));
        settings.put("kafka.bootstrap.servers", kafkaBootstrap());
        if (replicationFactor > 1) {
            settings.put("pushmon.kafka.replication-factor", Integer.toString(replicationFactor));
        }
        switch (service) {
            case GATEWAY -> {
                settings.put("pushmon.public-url", url(service, instance));
                settings.put("pushmon.processor.url", serviceUrl(Component.PROCESSOR));
                settings.put("pushmon.dispatcher.url", serviceUrl(Component.DISPATCHER));
                settings.put("quarkus.management.port", Integer.toString(gatewayManagementPorts.get(instance)));
            }
            case PROCESSOR -> {
                settings.put("pushmon.processor.state-dir",
                        dataDir.resolve(instanceName("processor", instance)).toString());
                settings.put("pushmon.processor.application-server", "127.0.0.1:" + port(service, instance));
            }
            case DISPATCHER -> settings.put("pushmon.channels.allow-loopback", "true");
            default -> throw new IllegalArgumentException(service + " is not a service");
        }
        return settings;
    }

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A free loopback port from the OS's ephemeral range, so never one of ./pushmon-local's defaults (8080-8082,
     * 9092). The port is released before the process binds it; another process taking it in between is rare
     * enough that the start just fails with a clear log.
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newApiKey() {
        return "pmk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Where the repository is and what to change from the defaults. */
    public static final class Builder {

        private Path root = defaultRoot();
        private String apiKey;
        private Duration readyTimeout = Duration.ofSeconds(120);
        private Path dataDir;
        private Set<Component> services = EnumSet.copyOf(ALL_SERVICES);
        private final Map<Component, Integer> instances = new EnumMap<>(Component.class);
        private final Map<Component, Map<String, String>> settings = new EnumMap<>(Component.class);
        private final Map<Component, List<String>> jvmOptions = new EnumMap<>(Component.class);
        private final Map<Component, Path> appDirs = new EnumMap<>(Component.class);
        private final Map<Component, Map<String, String>> environment = new EnumMap<>(Component.class);
        private String externalKafka;
        private int replicationFactor = 1;

        private Builder() {
        }

        /**
         * An environment variable for one service: where secrets go (a Kafka password, say), since a {@code -D}
         * setting shows in every process listing.
         */
        public Builder environment(Component service, String name, String value) {
            if (service == Component.KAFKA) {
                throw new IllegalArgumentException("the broker takes no settings");
            }
            environment.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        /** The repository root; default: system property {@code pushmon.root}, else the parent of the cwd. */
        public Builder root(Path root) {
            this.root = root.toAbsolutePath().normalize();
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = readyTimeout;
            return this;
        }

        /** Where the broker's log, the processor's state and the logs go; default a new folder under target/. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir.toAbsolutePath().normalize();
            return this;
        }

        /** Starts only these services (the broker always runs); default all three. */
        public Builder services(Component... only) {
            Set<Component> chosen = EnumSet.noneOf(Component.class);
            for (Component service : only) {
                if (service == Component.KAFKA) {
                    throw new IllegalArgumentException("the broker always runs");
                }
                chosen.add(service);
            }
            this.services = chosen;
            return this;
        }

        /**
         * Runs {@code count} instances of a service (default 1), each with its own port and log, processors each
         * with their own state directory; settings and JVM options apply to every instance.
         */
        public Builder instances(Component service, int count) {
            if (service == Component.KAFKA) {
                throw new IllegalArgumentException("the broker runs as one node");
            }
            if (count < 1) {
                throw new IllegalArgumentException("a service runs at least once, not " + count + " times");
            }
            instances.put(service, count);
            return this;
        }

        /**
         * The JVM options of one process (a service or the broker) instead of the small, fast-starting test
         * defaults, e.g. a benchmark's {@code -Xmx2g} with both JIT tiers.
         */
        public Builder jvmOptions(Component component, String... options) {
            jvmOptions.put(component, List.of(options));
            return this;
        }

        /**
         * Runs a service from another build: {@code quarkusApp} is the {@code quarkus-app} directory of its
         * package (it holds {@code quarkus-run.jar}) instead of {@code <module>/target/quarkus-app}, so a
         * benchmark can measure an earlier build next to this one. It must read and write the same topics.
         */
        public Builder appDir(Component service, Path quarkusApp) {
            if (service == Component.KAFKA) {
                throw new IllegalArgumentException("the broker is not a packaged app");
            }
            appDirs.put(service, quarkusApp.toAbsolutePath().normalize());
            return this;
        }

        /**
         * Runs the services against a Kafka cluster the caller started and will stop (a multi-node one, say) instead
         * of a broker of the system's own; the services create their topics with {@code replicationFactor} replicas.
         * The system then has no {@link Component#KAFKA} process.
         */
        public Builder kafka(String bootstrapServers, int replicationFactor) {
            if (replicationFactor < 1) {
                throw new IllegalArgumentException("a topic has at least one replica, not " + replicationFactor);
            }
            this.externalKafka = bootstrapServers;
            this.replicationFactor = replicationFactor;
            return this;
        }

        /** An extra {@code -D} setting for one service, e.g. a short retry backoff for a dispatcher test. */
        public Builder setting(Component service, String property, String value) {
            if (service == Component.KAFKA) {
                throw new IllegalArgumentException("the broker takes no settings");
            }
            settings.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(property, value);
            return this;
        }

        /** Starts the broker, then the services, and returns once every one is ready. */
        public PushmonSystem start() {
            PushmonSystem system = new PushmonSystem(this);
            system.startAll();
            return system;
        }

        private static Path defaultRoot() {
            String configured = System.getProperty("pushmon.root");
            Path root = configured != null ? Paths.get(configured) : Paths.get("").toAbsolutePath().getParent();
            return root.toAbsolutePath().normalize();
        }
    }
}

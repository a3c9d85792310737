package io.pushmon.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml checked against the code, since no Docker engine runs here: the environment each service
 * gets is configuration its module reads, the ports agree with each module's {@code quarkus.http.port}, and the
 * Dockerfiles exist and copy what the Quarkus build produces. Needs the services packaged (they precede this module
 * in the reactor).
 */
class DockerComposeTest {

    private static final Map<String, String> SERVICES = Map.of("ingest-gateway", "ingest-gateway",
            "liveness-processor", "liveness-processor", "alert-dispatcher", "alert-dispatcher");
    /** What the Quarkus build writes next to the app that the image does not need. */
    private static final Set<String> NOT_NEEDED_IN_IMAGE = Set.of("quarkus-app-dependencies.txt");

    private static Path root;
    private static JsonNode compose;

    @BeforeAll
    static void readCompose() throws IOException {
        root = Paths.get(System.getProperty("pushmon.root", "..")).toAbsolutePath().normalize();
        compose = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docker-compose.yml").toFile());
    }

    @Test
    void composeRunsTheBrokerAndEveryServiceModule() {
        List<String> names = new ArrayList<>();
        compose.path("services").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("kafka", "ingest-gateway", "liveness-processor",
                "alert-dispatcher");
        assertThat(compose.at("/services/kafka/image").asText()).startsWith("apache/kafka:");
        assertThat(compose.at("/services/kafka/environment/KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");
    }

    @Test
    void everyEnvironmentVariableOfAServiceIsAPropertyItsModuleReads() {
        Map<String, List<String>> unknown = new TreeMap<>();
        SERVICES.forEach((service, module) -> {
            Set<String> envNames = ConfigProperties.of(root.resolve(module)).stream().map(ConfigProperties::envName)
                    .collect(Collectors.toSet());
            environment(service).keySet().stream().filter(env -> !envNames.contains(env))
                    .forEach(env -> unknown.computeIfAbsent(service, s -> new ArrayList<>()).add(env));
        });
        assertThat(unknown).as("environment variables no configuration property of the module matches").isEmpty();
    }

    @Test
    void theReadPropertiesIncludeTheOnesTheDocsPromise() {
        // Guards the environment check against a scan that silently misses the mapping interfaces: names each
        // module's README documents must be among what it reads.
        assertThat(ConfigProperties.of(root.resolve("ingest-gateway"))).contains("kafka.bootstrap.servers",
                "pushmon.api-key", "pushmon.public-url", "pushmon.processor.url", "pushmon.push.trusted-proxies",
                "quarkus.http.port");
        assertThat(ConfigProperties.of(root.resolve("liveness-processor"))).contains("kafka.bootstrap.servers",
                "pushmon.processor.state-dir", "pushmon.processor.application-server",
                "pushmon.processor.detector.margin");
        assertThat(ConfigProperties.of(root.resolve("alert-dispatcher"))).contains("kafka.bootstrap.servers",
                "pushmon.dispatcher.retry.initial-backoff", "pushmon.channels.allow-loopback");
        assertThat(ConfigProperties.envName("pushmon.processor.application-server"))
                .isEqualTo("PUSHMON_PROCESSOR_APPLICATION_SERVER");
    }

    @Test
    void portsHealthChecksAndExposedPortsAgreeWithEachModulesHttpPort() throws IOException {
        for (Map.Entry<String, String> entry : SERVICES.entrySet()) {
            String service = entry.getKey();
            Properties properties = ConfigProperties.applicationProperties(root.resolve(entry.getValue()));
            String port = properties.getProperty("quarkus.http.port");
            JsonNode definition = compose.at("/services/" + service);
            Map<String, String> env = environment(service);

            assertThat(env.get("QUARKUS_HTTP_PORT")).as(service + " QUARKUS_HTTP_PORT").isIn(null, port);
            assertThat(env.get("QUARKUS_HTTP_HOST")).as(service + " must listen beyond the container's loopback")
                    .isEqualTo("0.0.0.0");
            for (JsonNode mapping : definition.path("ports")) {
                assertThat(mapping.asText()).as(service + " published port").endsWith(":" + port);
            }
            assertThat(definition.at("/healthcheck/test").toString()).as(service + " health check")
                    .contains("localhost:" + ConfigProperties.managementPort(properties) + "/q/health/ready");
            if (ConfigProperties.managementPort(properties) != Integer.parseInt(port)) {
                assertThat(env.get("QUARKUS_MANAGEMENT_HOST")).as(service + " management interface beyond loopback")
                        .isEqualTo("0.0.0.0");
            }
            assertThat(definition.at("/depends_on/kafka/condition").asText()).isEqualTo("service_healthy");
            assertThat(dockerfile(service)).as(service + " Dockerfile").contains("EXPOSE " + port);
        }
    }

    @Test
    void urlsBetweenServicesNameTheRightServiceAndPort() {
        String processorPort = httpPort("liveness-processor");
        String dispatcherPort = httpPort("alert-dispatcher");
        Map<String, String> gateway = environment("ingest-gateway");
        assertThat(URI.create(gateway.get("PUSHMON_PROCESSOR_URL")))
                .hasHost("liveness-processor").hasPort(Integer.parseInt(processorPort));
        assertThat(URI.create(gateway.get("PUSHMON_DISPATCHER_URL")))
                .hasHost("alert-dispatcher").hasPort(Integer.parseInt(dispatcherPort));
        assertThat(environment("liveness-processor").get("PUSHMON_PROCESSOR_APPLICATION_SERVER"))
                .isEqualTo("liveness-processor:" + processorPort);

        String advertised = compose.at("/services/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText();
        for (String service : SERVICES.keySet()) {
            String bootstrap = environment(service).get("KAFKA_BOOTSTRAP_SERVERS");
            assertThat(bootstrap).as(service + " bootstrap").isNotNull();
            assertThat(advertised).as(service + " bootstrap is an advertised listener").contains("//" + bootstrap);
        }
    }

    @Test
    void theProcessorsStateDirectoryIsOnTheNamedVolume() {
        String stateDir = environment("liveness-processor").get("PUSHMON_PROCESSOR_STATE_DIR");
        List<String> volumes = new ArrayList<>();
        compose.at("/services/liveness-processor/volumes").forEach(v -> volumes.add(v.asText()));
        assertThat(volumes).anySatisfy(volume -> {
            String[] parts = volume.split(":");
            assertThat(compose.path("volumes").has(parts[0])).as("named volume " + parts[0]).isTrue();
            assertThat(parts[1]).isEqualTo(stateDir);
        });
    }

    @Test
    void eachServiceIsBuiltFromItsModulesDockerfileWhichCopiesWhatTheQuarkusBuildProduces() throws IOException {
        Pattern copy = Pattern.compile("^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+\\S+\\s*$", Pattern.MULTILINE);
        for (Map.Entry<String, String> entry : SERVICES.entrySet()) {
            JsonNode build = compose.at("/services/" + entry.getKey() + "/build");
            Path context = root.resolve(build.path("context").asText()).normalize();
            assertThat(context).isEqualTo(root.resolve(entry.getValue()));
            assertThat(build.path("dockerfile").asText()).isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(context.resolve(build.path("dockerfile").asText())).isRegularFile();

            Path app = context.resolve("target/quarkus-app");
            assertThat(app.resolve("quarkus-run.jar")).as("the build's output").isRegularFile();
            Set<Path> copied = new HashSet<>();
            Matcher matcher = copy.matcher(dockerfile(entry.getKey()));
            while (matcher.find()) {
                List<Path> matched = matching(context, matcher.group(1));
                assertThat(matched).as(entry.getKey() + ": COPY " + matcher.group(1) + " matches nothing the build"
                        + " produced").isNotEmpty();
                copied.addAll(matched);
            }
            try (Stream<Path> produced = Files.list(app)) {
                assertThat(produced.filter(p -> !NOT_NEEDED_IN_IMAGE.contains(p.getFileName().toString())))
                        .as(entry.getKey() + ": what the build produced is in the image").allMatch(copied::contains);
            }
            assertThat(dockerfile(entry.getKey())).contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
        }
    }

    private static List<Path> matching(Path context, String source) throws IOException {
        String pattern = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        Path parent = context.resolve(pattern).getParent();
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> candidates = Files.list(parent)) {
            return candidates.filter(p -> matcher.matches(context.relativize(p))).toList();
        }
    }

    private static String httpPort(String module) {
        return ConfigProperties.applicationProperties(root.resolve(module)).getProperty("quarkus.http.port");
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> env = new TreeMap<>();
        compose.at("/services/" + service + "/environment").fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    private static String dockerfile(String service) throws IOException {
        return Files.readString(root.resolve(SERVICES.get(service)).resolve("src/main/docker/Dockerfile.jvm"));
    }
}

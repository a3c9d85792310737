package io.pushmon.gateway.monitormetrics;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.createMonitor;
import static io.pushmon.gateway.GatewayTestSupport.heartbeatsOf;
import static io.pushmon.gateway.GatewayTestSupport.topics;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.hamcrest.Matchers.startsWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.topics.Topic;
import io.pushmon.gateway.tenants.ApiKeys;
import io.pushmon.gateway.tenants.TenantService;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.pushmon.kafka.testing.TopicClient.Received;
import io.pushmon.kafka.testing.TopicClient.Tail;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = ProgrammableProcessor.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MonitorMetricsIT {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") ((?:[^\\\\]|\\\\[\\\\n])*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (gauge|counter|untyped)");
    private static final Pattern SAMPLE_VALUE = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    @Inject
    TenantService tenants;

    /** One sample, its label values unescaped. */
    private record Sample(String name, Map<String, String> labels, BigDecimal value) {
    }

    private record Tenant(String id, String key) {

        static Tenant fresh(TenantService tenants) {
            Tenant tenant = new Tenant(uniqueName("metrics"), ApiKeys.generateKey());
            tenants.ensureTenantKey(tenant.id(), "test", tenant.key(), false);
            return tenant;
        }

        JsonPath monitor(String name, List<String> tags) {
            return api(key).body(Map.of("name", name, "timeoutSeconds", 60, "tags", tags)).post("/api/monitors")
                    .then().statusCode(201).extract().jsonPath();
        }
    }

    @Test
    void theTenantsMonitorsAreExposedWithValuesFromTheTestsPushes() {
        Tenant tenant = Tenant.fresh(tenants);
        JsonPath web = tenant.monitor("web", List.of("prod", "frontend"));
        JsonPath batch = tenant.monitor("batch", List.of("prod"));
        JsonPath idle = tenant.monitor("idle", List.of());
        api(tenant.key()).post("/api/monitors/" + idle.getString("id") + "/pause").then().statusCode(200);
        String stranger = createMonitor(DEFAULT_KEY, uniqueName("stranger")).getString("id");

        // web: a ping, then a run that has started; batch: a run that ended in failure, so it went down.
        List<Received<String, Heartbeat>> webSignals = push(web, "", "?status=start&rid=" + UUID.randomUUID());
        String rid = UUID.randomUUID().toString();
        List<Received<String, Heartbeat>> batchSignals = push(batch, "?status=start&rid=" + rid,
                "?status=down&rid=" + rid);
        Instant webPing = Instant.ofEpochMilli(webSignals.get(0).timestamp());
        Instant batchStart = Instant.ofEpochMilli(batchSignals.get(0).timestamp());
        Instant batchEnd = Instant.ofEpochMilli(batchSignals.get(1).timestamp());
        long batchMillis = Duration.between(batchStart, batchEnd).toMillis();
        // What the processor holds after these signals, and the down event it writes for batch.
        ProgrammableProcessor.holds(new MonitorLiveState(web.getString("id"), MonitorStatus.STARTED, webPing, null,
                null, null, 0, Instant.ofEpochMilli(webSignals.get(1).timestamp()), 1, null, null, null));
        ProgrammableProcessor.holds(new MonitorLiveState(batch.getString("id"), MonitorStatus.DOWN, batchEnd, null,
                null, null, 1, null, 0, batchMillis, null, null));
        topics().send(Topic.MONITOR_EVENTS, batch.getString("id"), new MonitorEvent(UUID.randomUUID().toString(),
                batch.getString("id"), tenant.id(), "batch", MonitorStatus.UP, MonitorStatus.DOWN,
                EventReason.REPORTED_DOWN, batchEnd, 1, null, batchEnd, null, null, List.of()));
        String readOnly = api(tenant.key()).body(Map.of("readOnly", true)).post("/api/keys").then().statusCode(201)
                .extract().path("key");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> value(parse(scrape(readOnly)),
                "pushmon_monitor_up", batch.getString("id")).signum() == 0);
        Instant before = Instant.now();
        String text = scrape(readOnly);
        Instant after = Instant.now();
        List<Sample> samples = parse(text);

        assertThat(text).doesNotContain(stranger);
        assertThat(samples.stream().filter(s -> s.labels().containsKey("id")).map(s -> s.labels().get("id")))
                .containsOnly(web.getString("id"), batch.getString("id"), idle.getString("id"));
        String webId = web.getString("id");
        String batchId = batch.getString("id");
        String idleId = idle.getString("id");
        assertThat(sample(samples, "pushmon_monitor_up", webId).labels())
                .containsExactlyEntriesOf(orderedMap("id", webId, "name", "web", "tags", "frontend prod"));
        assertThat(value(samples, "pushmon_monitor_up", webId)).isEqualByComparingTo("1");
        assertThat(value(samples, "pushmon_monitor_up", batchId)).isEqualByComparingTo("0");
        assertThat(value(samples, "pushmon_monitor_up", idleId)).as("paused counts as up").isEqualByComparingTo("1");
        assertThat(value(samples, "pushmon_monitor_paused", idleId)).isEqualByComparingTo("1");
        assertThat(value(samples, "pushmon_monitor_paused", webId)).isEqualByComparingTo("0");
        assertThat(value(samples, "pushmon_monitor_started", webId)).isEqualByComparingTo("1");
        assertThat(value(samples, "pushmon_monitor_started", batchId)).isEqualByComparingTo("0");
        assertThat(value(samples, "pushmon_monitor_started", idleId)).isEqualByComparingTo("0");
        assertThat(value(samples, "pushmon_monitor_last_ping_age_seconds", webId))
                .isBetween(seconds(Duration.between(webPing, before)).subtract(BigDecimal.ONE),
                        seconds(Duration.between(webPing, after)).add(BigDecimal.ONE));
        assertThat(value(samples, "pushmon_monitor_last_ping_age_seconds", batchId))
                .isBetween(seconds(Duration.between(batchEnd, before)).subtract(BigDecimal.ONE),
                        seconds(Duration.between(batchEnd, after)).add(BigDecimal.ONE));
        assertThat(find(samples, "pushmon_monitor_last_ping_age_seconds", idleId)).as("never pinged").isEmpty();
        assertThat(value(samples, "pushmon_monitor_last_duration_seconds", batchId))
                .isEqualByComparingTo(BigDecimal.valueOf(batchMillis, 3));
        assertThat(find(samples, "pushmon_monitor_last_duration_seconds", webId)).as("no run ended").isEmpty();
        assertThat(tagUp(samples)).containsExactlyEntriesOf(orderedMap("frontend", "1", "prod", "0"));
    }

    @Test
    void labelValuesAreEscapedSoEveryLineStaysValid() {
        Tenant tenant = Tenant.fresh(tenants);
        String name = "say \"hi\" \\ then\nnew line";
        String id = tenant.monitor(name, List.of("a.b-c_d")).getString("id");

        String text = scrape(tenant.key());

        assertThat(text).contains("name=\"say \\\"hi\\\" \\\\ then\\nnew line\"");
        List<Sample> samples = parse(text);
        assertThat(sample(samples, "pushmon_monitor_up", id).labels().get("name")).isEqualTo(name);
        assertThat(tagUp(samples)).containsExactlyEntriesOf(Map.of("a.b-c_d", "1"));
    }

    @Test
    void whenTheProcessorCannotReadAMonitorUpAndPausedStayForIt() {
        Tenant tenant = Tenant.fresh(tenants);
        String first = tenant.monitor("a-rebalancing", List.of()).getString("id");
        String second = tenant.monitor("b-after-it", List.of()).getString("id");
        ProgrammableProcessor.rebalancing(first);

        List<Sample> samples = parse(scrape(tenant.key()));

        for (String id : List.of(first, second)) {
            assertThat(value(samples, "pushmon_monitor_up", id)).isEqualByComparingTo("1");
            assertThat(value(samples, "pushmon_monitor_paused", id)).isEqualByComparingTo("0");
        }
        assertThat(find(samples, "pushmon_monitor_started", first)).isEmpty();
        // The other one was read in the same call: never pushed, so not started.
        assertThat(value(samples, "pushmon_monitor_started", second)).isEqualByComparingTo("0");
        // One read asked for both: the processor's answer, not the order of the monitors, decides what is missing.
        assertThat(ProgrammableProcessor.asked(first)).isTrue();
        assertThat(ProgrammableProcessor.asked(second)).isTrue();
    }

    @Test
    void theMetricsNeedOneOfTheTenantsKeys() {
        given().get("/api/metrics").then().statusCode(401);
        api("pmk_not-a-key-anyone-has").get("/api/metrics").then().statusCode(401);
    }

    private static String scrape(String key) {
        return api(key).get("/api/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain; version=0.0.4")).extract().asString();
    }

    /** Pushes the signals (query strings) in order and returns their records as the broker stamped them. */
    private static List<Received<String, Heartbeat>> push(JsonPath monitor, String... signals) {
        try (Tail<String, Heartbeat> log = heartbeatsOf(monitor.getString("id"))) {
            for (String signal : signals) {
                given().urlEncodingEnabled(false).post("/api/push/" + monitor.getString("pushToken") + signal)
                        .then().statusCode(200);
            }
            List<Received<String, Heartbeat>> records = log.readKey(monitor.getString("id"));
            assertThat(records).hasSize(signals.length);
            return records;
        }
    }

    /**
     * The samples of a scrape, checking every line on the way: a HELP and then a TYPE line open each family once,
     * every sample belongs to the family opened last, label values use only the format's escapes, values are plain
     * decimals, and the text ends with a line feed.
     */
    private static List<Sample> parse(String text) {
        assertThat(text).endsWith("\n");
        List<Sample> samples = new ArrayList<>();
        Set<String> families = new HashSet<>();
        String family = null;
        String helped = null;
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            Matcher help = HELP.matcher(line);
            Matcher type = TYPE.matcher(line);
            if (help.matches()) {
                assertThat(families.add(help.group(1))).as("one HELP per family: " + line).isTrue();
                helped = help.group(1);
            } else if (type.matches()) {
                assertThat(type.group(1)).as("TYPE after its HELP: " + line).isEqualTo(helped);
                family = type.group(1);
            } else {
                samples.add(sample(line, family));
            }
        }
        return samples;
    }

    private static Sample sample(String line, String family) {
        Matcher name = NAME.matcher(line);
        if (!name.lookingAt() || !name.group().equals(family)) {
            fail("not a sample of family " + family + ": " + line);
        }
        int at = name.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                int eq = line.indexOf("=\"", at);
                String label = line.substring(at, eq);
                assertThat(label).as(line).matches("[a-zA-Z_][a-zA-Z0-9_]*");
                StringBuilder value = new StringBuilder();
                at = eq + 2;
                for (char c = line.charAt(at); c != '"'; c = line.charAt(++at)) {
                    if (c == '\\') {
                        char escaped = line.charAt(++at);
                        switch (escaped) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> fail("bad escape \\" + escaped + " in " + line);
                        }
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label, value.toString());
                at++;
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            at++;
        }
        assertThat(line.charAt(at)).as(line).isEqualTo(' ');
        String value = line.substring(at + 1);
        assertThat(value).as(line).matches(SAMPLE_VALUE);
        return new Sample(family, labels, new BigDecimal(value));
    }

    private static List<Sample> find(List<Sample> samples, String name, String monitorId) {
        return samples.stream().filter(s -> s.name().equals(name) && monitorId.equals(s.labels().get("id"))).toList();
    }

    private static Sample sample(List<Sample> samples, String name, String monitorId) {
        List<Sample> found = find(samples, name, monitorId);
        assertThat(found).as(name + " of " + monitorId).hasSize(1);
        return found.get(0);
    }

    private static BigDecimal value(List<Sample> samples, String name, String monitorId) {
        return sample(samples, name, monitorId).value();
    }

    private static Map<String, String> tagUp(List<Sample> samples) {
        Map<String, String> tags = new LinkedHashMap<>();
        samples.stream().filter(s -> s.name().equals("pushmon_tag_up"))
                .forEach(s -> tags.put(s.labels().get("tag"), s.value().toPlainString()));
        return tags;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3);
    }
}

package io.pushmon.gateway.statuspage;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.createMonitor;
import static io.pushmon.gateway.GatewayTestSupport.topics;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.topics.Topic;
import io.pushmon.gateway.tenants.ApiKeys;
import io.pushmon.gateway.tenants.TenantService;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StatusPageIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    TenantService tenants;

    /** A tenant of its own with a unique slug, so pages of different tests never meet. */
    private record Tenant(String id, String key, String slug) {

        static Tenant fresh(TenantService tenants) {
            Tenant tenant = new Tenant(uniqueName("status"), ApiKeys.generateKey(), uniqueName("page"));
            tenants.ensureTenantKey(tenant.id(), "test", tenant.key(), false);
            return tenant;
        }

        JsonPath monitor(String name) {
            return createMonitor(key, name);
        }

        void publish(String title, List<String> monitorIds) {
            api(key).body(Map.of("enabled", true, "slug", slug, "title", title, "monitorIds", monitorIds))
                    .put("/api/status-page").then().statusCode(200).body("enabled", equalTo(true));
        }
    }

    @Test
    void anEnabledPageShowsItsMonitorsInTheChosenOrderAsJsonAndHtml() {
        Tenant tenant = Tenant.fresh(tenants);
        String api = tenant.monitor("api").getString("id");
        String worker = tenant.monitor("worker").getString("id");

        api(tenant.key()).body(Map.of("enabled", true, "slug", tenant.slug(), "title", "Acme status",
                "monitorIds", List.of(worker, api, worker))).put("/api/status-page").then().statusCode(200)
                .body("slug", equalTo(tenant.slug())).body("monitorIds", equalTo(List.of(worker, api)))
                .body("url", equalTo("http://127.0.0.1:8080/status/" + tenant.slug()))
                .body("jsonUrl", equalTo("http://127.0.0.1:8080/status/" + tenant.slug() + ".json"));
        api(tenant.key()).get("/api/status-page").then().statusCode(200).body("title", equalTo("Acme status"));

        JsonPath page = given().get("/status/" + tenant.slug() + ".json").then().statusCode(200)
                .contentType(startsWith("application/json")).header("Cache-Control", "public, max-age=30")
                .extract().jsonPath();
        assertThat(page.getString("title")).isEqualTo("Acme status");
        assertThat(page.getString("status")).isEqualTo("up");
        assertThat(page.getList("monitors.name")).containsExactly("worker", "api");
        assertThat(page.getList("monitors[0].uptime.period")).containsExactly("24h", "7d", "30d", "90d");
        assertThat(page.getDouble("monitors[0].uptime[0].ratio")).isEqualTo(1.0);
        assertThat(page.getList("monitors[0].days")).hasSize(90);
        assertThat(page.getString("monitors[0].days[89].date")).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(page.getString("monitors[0].days[0].level")).as("before the monitor existed").isEqualTo("none");
        assertThat(page.getList("monitors[0].incidents")).isEmpty();
        assertThat(page.getString("monitors[0].id")).as("ids stay private").isNull();

        String html = given().get("/status/" + tenant.slug()).then().statusCode(200)
                .contentType(startsWith("text/html")).header("Cache-Control", "public, max-age=30")
                .extract().asString();
        assertThat(html).contains("<html lang=\"en\">", "name=\"viewport\"", "<h1>Acme status</h1>", "<main>",
                "All systems operational", "No incidents in the last 90 days.",
                "aria-label=\"Daily uptime of worker, oldest first\"");
        assertThat(html.indexOf(">worker</h2>")).isLessThan(html.indexOf(">api</h2>")).isPositive();
    }

    @Test
    void anIncidentShowsInTheListAndLowersItsDaysBar() {
        Tenant tenant = Tenant.fresh(tenants);
        JsonPath created = tenant.monitor("billing");
        String id = created.getString("id");
        Instant createdAt = Instant.now().minus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        backdate(tenant, created, createdAt);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        Instant down = day.atTime(10, 0).toInstant(ZoneOffset.UTC);
        Instant up = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
        tenant.publish("Billing", List.of(id));

        event(tenant, id, MonitorStatus.UP, MonitorStatus.DOWN, EventReason.TIMEOUT, down, null);
        event(tenant, id, MonitorStatus.DOWN, MonitorStatus.UP, EventReason.RECOVERED, up, down);

        String label = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH).format(day) + ": 91.6% up, 1 incident";
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/status/" + tenant.slug() + ".json").then()
                .statusCode(200).body("monitors[0].incidents", hasSize(1)));
        JsonPath page = given().get("/status/" + tenant.slug() + ".json").then().extract().jsonPath();
        assertThat(page.getString("monitors[0].incidents[0].start")).isEqualTo(down.toString());
        assertThat(page.getString("monitors[0].incidents[0].end")).isEqualTo(up.toString());
        assertThat(page.getLong("monitors[0].incidents[0].durationSeconds")).isEqualTo(7200);
        assertThat(page.getString("monitors[0].incidents[0].reason")).isEqualTo("timeout");
        assertThat(page.getString("monitors[0].days[87].date")).isEqualTo(day.toString());
        assertThat(page.getDouble("monitors[0].days[87].ratio")).isCloseTo(22.0 / 24, within(1e-6));
        assertThat(page.getInt("monitors[0].days[87].incidents")).isEqualTo(1);
        assertThat(page.getString("monitors[0].days[87].level")).isEqualTo("down");
        assertThat(page.getString("monitors[0].days[87].label")).isEqualTo(label);
        assertThat(page.getDouble("monitors[0].days[86].ratio")).isEqualTo(1.0);
        assertThat(page.getString("monitors[0].days[88].level")).isEqualTo("up");
        assertThat(page.getDouble("monitors[0].uptime[0].ratio")).isEqualTo(1.0);
        double watchedHours = Duration.between(createdAt, Instant.parse(page.getString("generatedAt"))).toMillis()
                / 3_600_000.0;
        assertThat(page.getDouble("monitors[0].uptime[1].ratio")).isCloseTo(1 - 2 / watchedHours, within(1e-6));
        assertThat(page.getString("monitors[0].status")).isEqualTo("up");

        String html = given().get("/status/" + tenant.slug()).then().statusCode(200).extract().asString();
        assertThat(html).contains("title=\"" + label + "\"", "<span class=\"visually-hidden\">" + label + "</span>",
                "No heartbeat in time: <time datetime=\"" + down + "\">", "2 h 0 min");
    }

    @Test
    void anOpenIncidentMakesTheMonitorAndThePageDown() {
        Tenant tenant = Tenant.fresh(tenants);
        String failing = tenant.monitor("failing").getString("id");
        String fine = tenant.monitor("fine").getString("id");
        tenant.publish("Shop", List.of(fine, failing));

        event(tenant, failing, MonitorStatus.UP, MonitorStatus.DOWN, EventReason.REPORTED_DOWN, Instant.now(), null);

        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/status/" + tenant.slug() + ".json").then()
                .statusCode(200).body("status", equalTo("down")).body("monitors[1].status", equalTo("down"))
                .body("monitors[0].status", equalTo("up")).body("monitors[1].incidents[0].end", equalTo(null))
                .body("monitors[1].incidents[0].reason", equalTo("reported-down")));
        assertThat(given().get("/status/" + tenant.slug()).then().statusCode(200).extract().asString())
                .contains("Some systems are down", "status-down\">Down</span>", "now (ongoing)");
    }

    @Test
    void aPausedMonitorIsShownPaused() {
        Tenant tenant = Tenant.fresh(tenants);
        String id = tenant.monitor("on-hold").getString("id");
        api(tenant.key()).post("/api/monitors/" + id + "/pause").then().statusCode(200);
        tenant.publish("Hold", List.of(id));

        given().get("/status/" + tenant.slug() + ".json").then().statusCode(200).body("status", equalTo("paused"))
                .body("monitors[0].status", equalTo("paused"));
    }

    @Test
    void aDisabledOrUnknownPageIs404AndKeepsItsSlug() {
        Tenant tenant = Tenant.fresh(tenants);
        String id = tenant.monitor("private").getString("id");
        tenant.publish("Soon gone", List.of(id));
        given().get("/status/" + tenant.slug()).then().statusCode(200);

        api(tenant.key()).body(Map.of("enabled", false, "slug", tenant.slug(), "monitorIds", List.of(id)))
                .put("/api/status-page").then().statusCode(200).body("enabled", equalTo(false));

        given().get("/status/" + tenant.slug()).then().statusCode(404);
        given().get("/status/" + tenant.slug() + ".json").then().statusCode(404).body("ok", equalTo(false));
        given().get("/status/" + uniqueName("never") + ".json").then().statusCode(404);
        given().get("/status/Not-A-Slug").then().statusCode(404);
        Tenant other = Tenant.fresh(tenants);
        api(other.key()).body(Map.of("enabled", true, "slug", tenant.slug())).put("/api/status-page").then()
                .statusCode(409).body("error", containsString("is taken"));
    }

    @Test
    void aPageShowsOnlyItsOwnTenantsMonitorsAndAStrangerCannotTakeItsSlug() {
        Tenant tenant = Tenant.fresh(tenants);
        tenant.publish("Mine", List.of(tenant.monitor("mine").getString("id")));
        String theirs = createMonitor(DEFAULT_KEY, uniqueName("theirs")).getString("id");

        api(tenant.key()).body(Map.of("enabled", true, "slug", tenant.slug(), "monitorIds", List.of(theirs)))
                .put("/api/status-page").then().statusCode(400)
                .body("error", equalTo("unknown monitor in monitorIds: " + theirs));
        api(DEFAULT_KEY).body(Map.of("enabled", true, "slug", tenant.slug())).put("/api/status-page").then()
                .statusCode(409);
        given().get("/status/" + tenant.slug() + ".json").then().statusCode(200).body("monitors.name",
                equalTo(List.of("mine")));
    }

    @Test
    void badSettingsAreA400NamingTheFieldAndChangingThemNeedsAnAdmin() {
        Tenant tenant = Tenant.fresh(tenants);
        for (Map.Entry<Map<String, Object>, String> bad : Map.<Map<String, Object>, String>of(
                Map.of("enabled", true), "slug is required to enable the status page",
                Map.of("slug", "AB"), "slug must be 3 to 40 characters of a-z, 0-9 and '-'",
                Map.of("slug", "a".repeat(41)), "slug must be",
                Map.of("slug", "ok-slug", "title", " "), "title must be 1 to 100 characters",
                Map.of("slug", "ok-slug", "title", "t".repeat(101)), "title must be",
                Map.of("slug", "ok-slug", "pages", 1), "unknown field 'pages'",
                Map.of("enabled", "yes"), "enabled").entrySet()) {
            api(tenant.key()).body(bad.getKey()).put("/api/status-page").then().statusCode(400)
                    .body("error", containsString(bad.getValue()));
        }
        String readOnly = api(tenant.key()).body(Map.of("readOnly", true)).post("/api/keys").then().statusCode(201)
                .extract().path("key");

        api(readOnly).body(Map.of("enabled", true, "slug", tenant.slug())).put("/api/status-page").then()
                .statusCode(403);
        api(readOnly).get("/api/status-page").then().statusCode(200).body("enabled", equalTo(false))
                .body("monitorIds", equalTo(List.of()));
    }

    @Test
    void theTitleAndNamesAreEscapedInTheHtml() {
        Tenant tenant = Tenant.fresh(tenants);
        tenant.publish("<script>alert(1)</script> & co", List.of(tenant.monitor("<b>db</b>").getString("id")));

        String html = given().get("/status/" + tenant.slug()).then().statusCode(200).extract().asString();

        assertThat(html).doesNotContain("<script>", "<b>db</b>")
                .contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>", "&lt;b&gt;db&lt;/b&gt;");
    }

    /** Rewrites the monitor as if made days ago, so its bars cover days before the test. */
    private static void backdate(Tenant tenant, JsonPath created, Instant createdAt) {
        String id = created.getString("id");
        topics().send(Topic.MONITORS, id, new MonitorDefinition(id, tenant.id(), created.getString("name"),
                created.getString("pushToken"), 60, 0, false, List.of(), createdAt, createdAt));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> api(tenant.key()).get("/api/monitors/" + id).then()
                .body("createdAt", equalTo(createdAt.toString())));
    }

    /** A status change as the processor writes it, on the real topic the gateways' incident logs follow. */
    private static void event(Tenant tenant, String monitorId, MonitorStatus from, MonitorStatus to,
            EventReason reason, Instant at, Instant downSince) {
        topics().send(Topic.MONITOR_EVENTS, monitorId, new MonitorEvent(UUID.randomUUID().toString(), monitorId,
                tenant.id(), "monitor", from, to, reason, at, 1, downSince, null, null, null, List.of()));
    }
}

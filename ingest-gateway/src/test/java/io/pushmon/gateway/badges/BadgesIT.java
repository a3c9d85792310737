package io.pushmon.gateway.badges;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.createMonitor;
import static io.pushmon.gateway.GatewayTestSupport.topics;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import io.pushmon.common.model.EventReason;
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
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BadgesIT {

    @Inject
    TenantService tenants;

    /** A tenant of its own, so its all-badge counts only what the test made. */
    private record Tenant(String id, String key) {

        static Tenant fresh(TenantService tenants) {
            Tenant tenant = new Tenant(uniqueName("badges"), ApiKeys.generateKey());
            tenants.ensureTenantKey(tenant.id(), "test", tenant.key(), false);
            return tenant;
        }

        String monitor(String name, List<String> tags) {
            return api(key).body(Map.of("name", name, "timeoutSeconds", 60, "tags", tags)).post("/api/monitors")
                    .then().statusCode(201).extract().path("id");
        }

        String badgeKey() {
            return api(key).get("/api/badges").then().statusCode(200).extract().path("badgeKey");
        }
    }

    @Test
    void theBadgeListHasOneBadgePerMonitorPerTagAndOneForAll() {
        Tenant tenant = Tenant.fresh(tenants);
        String web = tenant.monitor("web", List.of("prod", "frontend"));
        String db = tenant.monitor("db", List.of("prod"));

        JsonPath badges = api(tenant.key()).get("/api/badges").then().statusCode(200).extract().jsonPath();

        String key = badges.getString("badgeKey");
        assertThat(key).matches("[A-Za-z0-9_-]{22}");
        String base = "http://127.0.0.1:8080/badge/" + key + "/";
        assertThat(badges.getString("all.svg")).isEqualTo(base + "all.svg");
        assertThat(badges.getList("monitors.id")).containsExactly(db, web);
        assertThat(badges.getString("monitors[1].json")).isEqualTo(base + web + ".json");
        assertThat(badges.getList("tags.tag")).containsExactly("frontend", "prod");
        assertThat(badges.getString("tags[1].shields")).isEqualTo(base + "prod.shields");
        assertThat(tenant.badgeKey()).as("made once, then kept").isEqualTo(key);
    }

    @Test
    void aMonitorsBadgeIsUpInEachFormatAndCacheableForThirtySeconds() throws Exception {
        Tenant tenant = Tenant.fresh(tenants);
        String id = tenant.monitor("nightly-backup", List.of());
        String base = "/badge/" + tenant.badgeKey() + "/" + id;

        Response svg = given().get(base + ".svg");
        svg.then().statusCode(200).contentType(startsWith("image/svg+xml"))
                .header("Cache-Control", "public, max-age=30");
        Document document = xml(svg.asString());
        assertThat(document.getDocumentElement().getAttribute("aria-label")).isEqualTo("nightly-backup: up");
        assertThat(svg.asString()).contains("fill=\"#4c1\"");

        given().get(base + ".json").then().statusCode(200).contentType(startsWith("application/json"))
                .header("Cache-Control", "public, max-age=30")
                .body("status", equalTo("up")).body("total", equalTo(1)).body("down", equalTo(0))
                .body("paused", equalTo(0));
        given().get(base + ".shields").then().statusCode(200).contentType(startsWith("application/json"))
                .header("Cache-Control", "public, max-age=30")
                .body("schemaVersion", equalTo(1)).body("label", equalTo("nightly-backup"))
                .body("message", equalTo("up")).body("color", equalTo("brightgreen"));
    }

    @Test
    void anOpenIncidentMakesTheMonitorItsTagsAndAllDown() {
        Tenant tenant = Tenant.fresh(tenants);
        String failing = tenant.monitor("failing", List.of("prod"));
        tenant.monitor("fine", List.of("prod", "other"));
        String base = "/badge/" + tenant.badgeKey() + "/";

        down(tenant, failing);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get(base + failing + ".json")
                .then().statusCode(200).body("status", equalTo("down")).body("down", equalTo(1)));
        given().get(base + "prod.json").then().statusCode(200).body("status", equalTo("down"))
                .body("total", equalTo(2)).body("down", equalTo(1));
        given().get(base + "other.json").then().statusCode(200).body("status", equalTo("up"));
        given().get(base + "all.shields").then().statusCode(200).body("label", equalTo(tenant.id()))
                .body("message", equalTo("down")).body("color", equalTo("red"));
        assertThat(given().get(base + failing + ".svg").asString()).contains("fill=\"#e05d44\"")
                .contains("aria-label=\"failing: down\"");
        given().get(base + failing + ".json?states=2").then().body("status", equalTo("down"));
    }

    @Test
    void aPausedMonitorIsGreyWithThreeStatesAndUpWithTwo() {
        Tenant tenant = Tenant.fresh(tenants);
        String id = tenant.monitor("paused-job", List.of("maintenance"));
        tenant.monitor("running-job", List.of("mixed"));
        api(tenant.key()).post("/api/monitors/" + id + "/pause").then().statusCode(200);
        api(tenant.key()).body(Map.of("name", "paused-job", "timeoutSeconds", 60, "tags",
                List.of("maintenance", "mixed"))).put("/api/monitors/" + id).then().statusCode(200);
        String base = "/badge/" + tenant.badgeKey() + "/";

        given().get(base + id + ".json").then().statusCode(200).body("status", equalTo("paused"))
                .body("paused", equalTo(1));
        given().get(base + id + ".json?states=2").then().statusCode(200).body("status", equalTo("up"))
                .body("paused", equalTo(1));
        given().get(base + id + ".shields").then().body("message", equalTo("paused")).body("color", equalTo("lightgrey"));
        given().get(base + id + ".shields?states=2").then().body("message", equalTo("up"))
                .body("color", equalTo("brightgreen"));
        assertThat(given().get(base + id + ".svg").asString()).contains("fill=\"#9f9f9f\"")
                .contains("aria-label=\"paused-job: paused\"");
        given().get(base + "maintenance.json").then().body("status", equalTo("paused"));
        given().get(base + "mixed.json").then().body("status", equalTo("up")).body("total", equalTo(2))
                .body("paused", equalTo(1));
        given().get(base + id + ".json?states=5").then().statusCode(400)
                .body("error", equalTo("states must be 2 or 3"));
    }

    @Test
    void anotherTenantsMonitorOrAnUnknownKeyTagOrFormatAreTheSame404() {
        Tenant mine = Tenant.fresh(tenants);
        mine.monitor("mine", List.of("shared-tag"));
        String theirs = createMonitor(DEFAULT_KEY, uniqueName("theirs")).getString("id");
        api(DEFAULT_KEY).body(Map.of("name", uniqueName("theirs-tagged"), "timeoutSeconds", 60,
                "tags", List.of("their-tag"))).post("/api/monitors").then().statusCode(201);
        String key = mine.badgeKey();
        String defaultsKey = api(DEFAULT_KEY).get("/api/badges").then().statusCode(200).extract().path("badgeKey");

        String notFound = given().get("/badge/" + key + "/" + theirs + ".svg").then().statusCode(404).extract()
                .asString();
        for (String path : List.of(key + "/" + theirs + ".json", key + "/their-tag.svg", key + "/no-such-tag.svg",
                key + "/shared-tag.png", key + "/shared-tag", BadgeKeys.generate() + "/all.svg",
                "not-a-badge-key/all.svg", defaultsKey.toUpperCase() + "x/" + theirs + ".svg")) {
            given().get("/badge/" + path).then().statusCode(404).body(equalTo(notFound));
        }
        given().get("/badge/" + key + "/shared-tag.svg").then().statusCode(200);
        given().get("/badge/" + defaultsKey + "/" + theirs + ".svg").then().statusCode(200);
    }

    @Test
    void aNewBadgeKeyRetiresTheOldOneAndNeedsAnAdmin() {
        Tenant tenant = Tenant.fresh(tenants);
        tenant.monitor("rotated", List.of());
        String old = tenant.badgeKey();
        String readOnly = api(tenant.key()).body(Map.of("readOnly", true)).post("/api/keys").then().statusCode(201)
                .extract().path("key");

        api(readOnly).post("/api/badges/key").then().statusCode(403);
        api(readOnly).get("/api/badges").then().statusCode(200).body("badgeKey", equalTo(old));
        String fresh = api(tenant.key()).post("/api/badges/key").then().statusCode(200)
                .body("all.svg", containsString("/badge/")).extract().path("badgeKey");

        assertThat(fresh).isNotEqualTo(old);
        given().get("/badge/" + old + "/all.svg").then().statusCode(404);
        given().get("/badge/" + fresh + "/all.svg").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api(tenant.key()).get("/api/audit")
                .then().statusCode(200).body("findAll { it.action == 'POST /api/badges/key' }", hasSize(1)));
    }

    @Test
    void aLabelWithMarkupIsEscapedInTheSvg() throws Exception {
        Tenant tenant = Tenant.fresh(tenants);
        String id = tenant.monitor("<b>db & \"co\"</b>", List.of());

        String svg = given().get("/badge/" + tenant.badgeKey() + "/" + id + ".svg").then().statusCode(200).extract()
                .asString();

        assertThat(svg).contains("&lt;b&gt;db &amp; &quot;co&quot;&lt;/b&gt;").doesNotContain("<b>");
        assertThat(xml(svg).getDocumentElement().getAttribute("aria-label")).isEqualTo("<b>db & \"co\"</b>: up");
    }

    /** A down event as the processor writes it, on the real topic the gateways' incident logs follow. */
    private static void down(Tenant tenant, String monitorId) {
        topics().send(Topic.MONITOR_EVENTS, monitorId, new MonitorEvent(UUID.randomUUID().toString(), monitorId,
                tenant.id(), "failing", MonitorStatus.UP, MonitorStatus.DOWN, EventReason.TIMEOUT, Instant.now(), 1,
                null, null, null, null, List.of()));
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}

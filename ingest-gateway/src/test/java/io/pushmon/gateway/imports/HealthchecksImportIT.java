package io.pushmon.gateway.imports;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pushmon.gateway.tenants.ApiKeys;
import io.pushmon.gateway.tenants.TenantService;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The import on the real broker, with the listing of {@code checks-read-write.json} given fresh UUIDs each time:
 * a simple check, a cron check, a paused check, one with an OnCalendar schedule and an unnamed one.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HealthchecksImportIT {

    private static final String IMPORT = "/api/monitors/import/healthchecks";
    private static final List<String> SAMPLE_UUIDS = List.of("c871ff09-db71-454c-8967-8b5c4b5d7fa9",
            "a6958a2f-5fce-4f75-b3ab-717d6bbb4bc8", "57d606dc-be37-45bc-8126-bed09f9741d6",
            "83743a27-6c59-4e40-b456-e485e1b01067", "a4662d15-0332-4584-880a-a142b0a884da");
    private static final int SIMPLE = 0;
    private static final int CRON = 1;
    private static final int PAUSED = 2;
    private static final int ON_CALENDAR = 3;

    @Inject
    TenantService tenants;

    /** The sample listing with new UUIDs, so every test imports checks of its own. */
    private record Listing(String json, List<String> uuids) {

        static Listing fresh() {
            String json = resource("checks-read-write.json");
            List<String> uuids = SAMPLE_UUIDS.stream().map(u -> UUID.randomUUID().toString()).toList();
            for (int i = 0; i < uuids.size(); i++) {
                json = json.replace(SAMPLE_UUIDS.get(i), uuids.get(i));
            }
            return new Listing(json, uuids);
        }
    }

    @Test
    void importedChecksComeBackAsMonitorsWithTheirSchedulesAndTokens() {
        Listing listing = Listing.fresh();
        JsonPath report = importChecks(listing.json()).then().statusCode(200).body("complete", equalTo(true))
                .body("created", equalTo(4)).body("skipped", equalTo(1)).body("failed", equalTo(0))
                .body("checks.index", equalTo(List.of(0, 1, 2, 3, 4))).extract().jsonPath();

        String simpleId = report.getString("checks[0].monitorId");
        assertThat(report.getString("checks[0].outcome")).isEqualTo("created");
        assertThat(report.getString("checks[0].pushPath")).isEqualTo("/api/push/" + listing.uuids().get(SIMPLE));
        api(DEFAULT_KEY).get("/api/monitors/" + simpleId).then().statusCode(200)
                .body("name", equalTo("Nightly DB backup")).body("pushToken", equalTo(listing.uuids().get(SIMPLE)))
                .body("timeoutSeconds", equalTo(86400)).body("graceSeconds", equalTo(3600))
                .body("cron", nullValue()).body("paused", equalTo(false)).body("tags", equalTo(List.of("db", "prod")));
        api(DEFAULT_KEY).get("/api/monitors/" + report.getString("checks[1].monitorId")).then().statusCode(200)
                .body("pushToken", equalTo(listing.uuids().get(CRON))).body("cron", equalTo("30 6 * * 1-5"))
                .body("timeZone", equalTo("Europe/Vienna")).body("timeoutSeconds", nullValue())
                .body("graceSeconds", equalTo(1800))
                .body("schedule.description", containsString("(Europe/Vienna)"));
    }

    @Test
    void aPushToAnImportedChecksUuidIsRecorded() {
        Listing listing = Listing.fresh();
        importChecks(listing.json()).then().statusCode(200);

        given().post("/api/push/" + listing.uuids().get(SIMPLE)).then().statusCode(200)
                .body("ok", equalTo(true)).body("paused", nullValue());
    }

    @Test
    void runningTheImportAgainSkipsEveryCheckAsAlreadyImported() {
        Listing listing = Listing.fresh();
        String firstId = importChecks(listing.json()).then().statusCode(200).extract().path("checks[0].monitorId");

        JsonPath again = importChecks(listing.json()).then().statusCode(200).body("complete", equalTo(true))
                .body("created", equalTo(0)).body("skipped", equalTo(5)).extract().jsonPath();

        assertThat(again.getString("checks[0].reason")).startsWith("already imported");
        assertThat(again.getString("checks[0].monitorId")).isEqualTo(firstId);
        assertThat(again.getList("checks.findAll { it.reason.startsWith('already imported') }")).hasSize(4);
        List<String> tokens = api(DEFAULT_KEY).get("/api/monitors").then().statusCode(200).extract().jsonPath()
                .getList("pushToken", String.class);
        assertThat(tokens.stream().filter(listing.uuids().get(SIMPLE)::equals)).hasSize(1);
    }

    @Test
    void aPausedCheckBecomesAPausedMonitor() {
        Listing listing = Listing.fresh();
        String id = importChecks(listing.json()).then().statusCode(200)
                .body("checks[" + PAUSED + "].paused", equalTo(true))
                .body("checks[" + PAUSED + "].ignored", hasItem("manual_resume"))
                .extract().path("checks[" + PAUSED + "].monitorId");

        api(DEFAULT_KEY).get("/api/monitors/" + id).then().statusCode(200).body("paused", equalTo(true));
        given().post("/api/push/" + listing.uuids().get(PAUSED)).then().statusCode(200)
                .body("paused", equalTo(true));
    }

    @Test
    void settingsPushmonDoesNotHaveAreListedAsIgnored() {
        importChecks(Listing.fresh().json()).then().statusCode(200)
                .body("checks[0].ignored", equalTo(List.of("desc", "channels")))
                .body("checks[1].ignored", equalTo(List.of("methods")))
                .body("checks[4].ignored", nullValue());
    }

    @Test
    void aScheduleCronCannotReadIsSkippedWithTheReason() {
        Listing listing = Listing.fresh();
        importChecks(listing.json()).then().statusCode(200)
                .body("checks[" + ON_CALENDAR + "].outcome", equalTo("skipped"))
                .body("checks[" + ON_CALENDAR + "].reason", containsString("cron '*-*-01 04:00' is not a 5-field"))
                .body("checks[" + ON_CALENDAR + "].monitorId", nullValue());

        api(DEFAULT_KEY).get("/api/monitors").then().statusCode(200)
                .body("pushToken", not(hasItem(listing.uuids().get(ON_CALENDAR))));
    }

    @Test
    void aListReadWithAReadOnlyHealthchecksKeyIsSkippedForWantOfUuids() {
        importChecks(resource("checks-read-only.json")).then().statusCode(200).body("created", equalTo(0))
                .body("checks[0].outcome", equalTo("skipped"))
                .body("checks[0].reason", containsString("read-only API key"));
    }

    @Test
    void aUuidThatIsAnotherTenantsTokenIsSkipped() {
        String otherKey = ApiKeys.generateKey();
        tenants.ensureTenantKey(uniqueName("tenant-b"), "test", otherKey, false);
        Listing listing = Listing.fresh();
        api(otherKey).body(Map.of("name", "theirs", "timeoutSeconds", 60, "pushToken", listing.uuids().get(SIMPLE)))
                .post("/api/monitors").then().statusCode(201);

        importChecks(listing.json()).then().statusCode(200).body("checks[0].outcome", equalTo("skipped"))
                .body("checks[0].reason", containsString("another tenant's monitor"))
                .body("checks[0].monitorId", nullValue())
                .body("checks[1].outcome", equalTo("created"));
    }

    @Test
    void aWrongTypeInOneCheckRejectsTheListBeforeAnythingIsCreated() {
        Listing listing = Listing.fresh();
        String broken = listing.json().replace("\"grace\": 60,", "\"grace\": \"60\",");

        importChecks(broken).then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("checks[4].grace must be a whole number of seconds"));
        api(DEFAULT_KEY).get("/api/monitors").then().statusCode(200)
                .body("pushToken", not(hasItem(listing.uuids().get(SIMPLE))));
    }

    @Test
    void malformedJsonIsA400() {
        importChecks("{\"checks\":[{\"name\":").then().statusCode(400).body("error", equalTo("malformed JSON"));
        importChecks("").then().statusCode(400).body("error", containsString("a Healthchecks check list"));
    }

    @Test
    void aReadOnlyKeyCannotImport() {
        String readOnly = api(DEFAULT_KEY).body(Map.of("readOnly", true)).post("/api/keys").then().statusCode(201)
                .extract().path("key");

        api(readOnly).body(Listing.fresh().json()).post(IMPORT).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Listing.fresh().json()).post(IMPORT).then().statusCode(401);
    }

    @Test
    void aBodyOverTheGatewaysLimitIs413() {
        String big = "{\"checks\":[{\"name\":\"x\",\"desc\":\"" + "d".repeat(140_000) + "\",\"timeout\":60}]}";

        importChecks(big).then().statusCode(413);
    }

    private static io.restassured.response.Response importChecks(String body) {
        return api(DEFAULT_KEY).body(body).post(IMPORT);
    }

    private static String resource(String name) {
        try (InputStream in = HealthchecksImportIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

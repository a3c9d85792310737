package io.pushmon.gateway.ui;

import static io.pushmon.gateway.accounts.Accounts.session;
import static io.pushmon.gateway.accounts.Accounts.signUpAndIn;
import static io.pushmon.gateway.accounts.Accounts.uniqueEmail;
import static io.pushmon.gateway.GatewayTestSupport.topics;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.topics.Topic;
import io.pushmon.gateway.accounts.LocalSmtpServer;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The dashboard's pages as the gateway serves them, on a real broker and without a processor (so every live state
 * is unknown): who may see them, that each renders what its owner has, and that filters and errors are pages.
 * The browser tests in system-tests drive the same pages with their scripts against the whole system.
 */
@QuarkusTest
@WithTestResource(KafkaTestBroker.class)
@WithTestResource(LocalSmtpServer.class)
class DashboardPagesIT {

    @LocalSmtpServer.Inject
    GreenMail smtp;

    private static String session;
    private static String backupId;
    private static String channelId;

    @BeforeEach
    void signUpOnce() {
        if (session != null) {
            return;
        }
        session = signUpAndIn(smtp, uniqueEmail("pages"));
        channelId = session(session).body(Map.of("name", "ops hook", "type", "webhook", "url",
                "https://hooks.example.org/pushmon")).post("/api/channels").then().statusCode(201).extract().path("id");
        backupId = session(session).body(Map.of("name", "nightly backup", "cron", "0 3 * * *", "timeZone",
                "Europe/Berlin", "graceSeconds", 600, "tags", List.of("db", "eu-west"), "channelIds", List.of(channelId),
                "failureThreshold", 3))
                .post("/api/monitors").then().statusCode(201).extract().path("id");
        session(session).body(Map.of("name", "queue worker", "timeoutSeconds", 60, "tags", List.of("eu-west")))
                .post("/api/monitors").then().statusCode(201);
    }

    @Test
    void aPageWithoutASessionSendsTheBrowserToSignInAndBack() {
        given().redirects().follow(false).get("/app/monitors/" + backupId).then().statusCode(303)
                .header("Location", containsString("/signin?next=%2Fapp%2Fmonitors%2F" + backupId));
        given().redirects().follow(false).cookie("pushmon_session", "pms_forged").get("/app").then().statusCode(303);
    }

    @Test
    void theOverviewListsEveryMonitorWithItsScheduleTagsAndUptime() {
        page("/app").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("nightly backup"), containsString("queue worker"),
                        containsString("at 03:00 (Europe/Berlin)"), containsString("every 1 min"),
                        containsString("class=\"tag\">db<"), containsString("aria-label=\"90-day uptime 100%\""),
                        containsString("data-live=\"/app/live\""));
    }

    @Test
    void theOverviewFiltersByTagAndName() {
        page("/app?tag=db").then().statusCode(200).body(containsString("nightly backup"),
                not(containsString(">queue worker<")));
        page("/app?q=QUEUE").then().statusCode(200).body(containsString(">queue worker<"),
                not(containsString(">nightly backup<")));
        page("/app?status=down").then().statusCode(200).body(containsString("No monitor matches these filters"));
    }

    @Test
    void theMonitorPageShowsItsScheduleSnippetsAndChannels() {
        String html = page("/app/monitors/" + backupId).then().statusCode(200).extract().asString();
        String token = session(session).get("/api/monitors/" + backupId).then().extract().path("pushToken");

        assertThat(html).contains("<h1>nightly backup", "at 03:00 (Europe/Berlin)", "(<code>0 3 * * *</code>)",
                "Next expected", "/api/push/" + token, "/ping/" + token, "Invoke-RestMethod", "requests.post(",
                "fetch(", "crontab", "ops hook (webhook)", "No incident in the last 90 days", "Uptime 90 days");
        // Without a processor the history cannot be read: the page says so instead of failing.
        assertThat(html).contains("cannot show the history just now");
    }

    @Test
    void anOpenIncidentHasAnAcknowledgeButtonThatNamesTheSignedInUser() {
        String email = uniqueEmail("acker");
        String acker = signUpAndIn(smtp, email);
        String id = session(acker).body(Map.of("name", "failing job", "timeoutSeconds", 60)).post("/api/monitors")
                .then().statusCode(201).extract().path("id");
        topics().send(Topic.MONITOR_EVENTS, id, new MonitorEvent(UUID.randomUUID().toString(), id, "any",
                "failing job", MonitorStatus.UP, MonitorStatus.DOWN, EventReason.TIMEOUT, Instant.now(), 1, null, null,
                null, null, List.of()));

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                given().cookie("pushmon_session", acker).get("/app/monitors/" + id).then().extract().asString())
                .contains("data-api=\"/api/monitors/" + id + "/incidents/1/ack\""));
        session(acker).post("/api/monitors/" + id + "/incidents/1/ack").then()
                .statusCode(202).body("acknowledgedBy", equalTo(email));
    }

    @Test
    void theEditFormIsFilledFromTheMonitor() {
        page("/app/monitors/" + backupId + "/edit").then().statusCode(200)
                .body(containsString("value=\"nightly backup\""), containsString("value=\"0 3 * * *\""),
                        containsString("value=\"Europe/Berlin\""), containsString("value=\"db, eu-west\""),
                        containsString("id=\"ch-" + channelId + "\" name=\"channelIds\" value=\"" + channelId
                                + "\" data-type=\"list\" checked"),
                        containsString("name=\"failureThreshold\" type=\"number\" min=\"1\" max=\"100\" required "
                                + "data-type=\"int\" value=\"3\""));
        page("/app/monitors/new").then().statusCode(200).body(containsString("Create monitor"));
    }

    @Test
    void channelsKeysMembersAndSettingsRender() {
        page("/app/channels").then().statusCode(200).body(containsString("ops hook"),
                containsString("url: https://hooks.example.org/***"), not(containsString("/pushmon<")),
                containsString("<option value=\"slack\">"));
        page("/app/channels/" + channelId).then().statusCode(200).body(containsString("New signing secret"),
                containsString("Used by 1 monitor."));
        page("/app/keys").then().statusCode(200).body(containsString("Make a key"));
        page("/app/members").then().statusCode(200).body(containsString("(you)"), containsString("Invite someone"));
        page("/app/settings").then().statusCode(200).body(containsString("Plan: free"), containsString("2 of 20"),
                containsString("Recent changes"), containsString("POST /api/monitors"),
                containsString("/badge/"), containsString("status of nightly backup"),
                containsString("Save the status page"));
    }

    @Test
    void anotherTenantsMonitorIsANotFoundPage() {
        String stranger = signUpAndIn(smtp, uniqueEmail("stranger"));
        given().cookie("pushmon_session", stranger).get("/app/monitors/" + backupId).then().statusCode(404)
                .contentType(containsString("text/html")).body(containsString("Not found"));
    }

    @Test
    void theAccountPagesArePublic() {
        for (String path : List.of("/signin", "/signup", "/forgot-password", "/verify?token=pmt_x",
                "/reset-password?token=pmt_x", "/invite?token=pmt_x")) {
            given().get(path).then().statusCode(200).contentType(containsString("text/html"));
        }
        given().queryParam("token", "pmt_a&b").get("/invite").then().body(containsString(
                "/signin?next=%2Finvite%3Ftoken%3Dpmt_a%2526b"));
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", containsString("/app"));
    }

    @Test
    void theDashboardIsNotInTheApiDocument() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths.'/app'", equalTo(null));
    }

    private static Response page(String path) {
        return given().cookie("pushmon_session", session).get(path);
    }
}

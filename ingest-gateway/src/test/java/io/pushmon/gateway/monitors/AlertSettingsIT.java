package io.pushmon.gateway.monitors;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.createMonitor;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pushmon.common.internal.Backtests;
import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.model.CronSchedule;
import io.pushmon.gateway.tenants.ApiKeys;
import io.pushmon.gateway.tenants.TenantService;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Thresholds and reminders on the monitor API, their counts in the live state, and the backtest, on the real broker
 * with {@link BacktestingProcessor} in the processor's place.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = BacktestingProcessor.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AlertSettingsIT {

    @Inject
    TenantService tenants;

    private static Map<String, Object> monitor(String name, Object... fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("timeoutSeconds", 60);
        body.put("graceSeconds", 30);
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    private static String create(Map<String, Object> body) {
        return api(DEFAULT_KEY).body(body).post("/api/monitors").then().statusCode(201).extract().path("id");
    }

    @Test
    void thresholdsAndRemindersAreStoredReturnedAndKeptByAPause() {
        String id = create(monitor(uniqueName("flaky"), "failureThreshold", 3, "recoveryThreshold", 2,
                "reminderIntervalSeconds", 3600, "reminderLimit", 5));

        api(DEFAULT_KEY).get("/api/monitors/" + id).then().statusCode(200)
                .body("failureThreshold", equalTo(3)).body("recoveryThreshold", equalTo(2))
                .body("reminderIntervalSeconds", equalTo(3600)).body("reminderLimit", equalTo(5));
        api(DEFAULT_KEY).post("/api/monitors/" + id + "/pause").then().statusCode(200)
                .body("failureThreshold", equalTo(3)).body("reminderLimit", equalTo(5));
        api(DEFAULT_KEY).get("/api/monitors").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.recoveryThreshold", equalTo(2));
    }

    @Test
    void aMonitorWithoutThresholdsGoesDownAtTheFirstFailureAndAPutWithoutThemResetsThem() {
        String plain = createMonitor(DEFAULT_KEY, uniqueName("plain")).getString("id");
        String id = create(monitor(uniqueName("reset"), "failureThreshold", 4));

        api(DEFAULT_KEY).get("/api/monitors/" + plain).then().statusCode(200)
                .body("failureThreshold", equalTo(1)).body("recoveryThreshold", equalTo(1))
                .body("reminderIntervalSeconds", equalTo(0)).body("reminderLimit", equalTo(0));
        api(DEFAULT_KEY).body(monitor("renamed", "recoveryThreshold", 2)).put("/api/monitors/" + id).then()
                .statusCode(200).body("failureThreshold", equalTo(1)).body("recoveryThreshold", equalTo(2));
    }

    @Test
    void thresholdsAndRemindersOutOfRangeAreA400ThatNamesTheField() {
        Map<Object[], String> cases = new LinkedHashMap<>();
        cases.put(new Object[] { "failureThreshold", 0 }, "failureThreshold must be between 1 and 100");
        cases.put(new Object[] { "failureThreshold", 101 }, "failureThreshold must be between 1 and 100");
        cases.put(new Object[] { "recoveryThreshold", 0 }, "recoveryThreshold must be between 1 and 100");
        cases.put(new Object[] { "reminderIntervalSeconds", 30 }, MonitorRequest.REMINDER_INTERVAL_RANGE);
        cases.put(new Object[] { "reminderIntervalSeconds", -1 }, MonitorRequest.REMINDER_INTERVAL_RANGE);
        cases.put(new Object[] { "reminderLimit", -1 }, "reminderLimit must be between 0 (no limit) and 1000");
        cases.forEach((field, message) -> api(DEFAULT_KEY).body(monitor(uniqueName("bad"), field))
                .post("/api/monitors").then().statusCode(400).body("error", equalTo(message)));
    }

    @Test
    void aMonitorBetweenUpAndDownShowsHowFarItIs() {
        String failing = createMonitor(DEFAULT_KEY, uniqueName("failing")).getString("id");
        String recovering = createMonitor(DEFAULT_KEY, uniqueName("recovering")).getString("id");
        String steady = createMonitor(DEFAULT_KEY, uniqueName("steady")).getString("id");
        BacktestingProcessor.holds(failing, new MonitorLiveState.Thresholds(2, 3, 0, 1));
        BacktestingProcessor.holds(recovering, new MonitorLiveState.Thresholds(0, 1, 1, 2));
        BacktestingProcessor.holds(steady, MonitorLiveState.Thresholds.DEFAULT);

        api(DEFAULT_KEY).get("/api/monitors/" + failing).then().statusCode(200)
                .body("status", equalTo("up")).body("failing", equalTo("2/3")).body("recovering", nullValue());
        api(DEFAULT_KEY).get("/api/monitors/" + recovering).then().statusCode(200)
                .body("recovering", equalTo("1/2")).body("failing", nullValue());
        api(DEFAULT_KEY).get("/api/monitors/" + steady).then().statusCode(200)
                .body("failing", nullValue()).body("recovering", nullValue());
    }

    @Test
    void aBacktestReplaysTheProposedSettingsOverTheCurrentOnesBesideTheCurrentOnes() {
        String id = create(monitor(uniqueName("backtest")));
        BacktestingProcessor.holds(id, MonitorLiveState.Thresholds.DEFAULT);

        api(DEFAULT_KEY).body(Map.of("failureThreshold", 3, "graceSeconds", 120))
                .post("/api/monitors/" + id + "/backtest").then().statusCode(200)
                .body("from", equalTo(BacktestingProcessor.FROM.toString()))
                .body("to", equalTo(BacktestingProcessor.TO.toString()))
                .body("signals", equalTo(BacktestingProcessor.SIGNALS))
                .body("settings.timeoutSeconds", equalTo(60)).body("settings.graceSeconds", equalTo(120))
                .body("settings.failureThreshold", equalTo(3)).body("settings.recoveryThreshold", equalTo(1))
                .body("incidents", hasSize(0))
                .body("current.settings.graceSeconds", equalTo(30))
                .body("current.settings.failureThreshold", equalTo(1))
                .body("current.incidents", hasSize(1))
                .body("current.incidents[0].start", equalTo(BacktestingProcessor.INCIDENT.start().toString()))
                .body("current.incidents[0].end", equalTo(BacktestingProcessor.INCIDENT.end().toString()))
                .body("current.incidents[0].reason", equalTo("timeout"));

        assertThat(BacktestingProcessor.asked(id).rules()).containsExactly(
                new Backtests.Rule(60, null, 120, 0, 3, 1), new Backtests.Rule(60, null, 30, 0, 1, 1));
    }

    @Test
    void aBacktestOfACronScheduleReplacesTheIntervalAndAnEmptyBodyTriesTheCurrentSettings() {
        String id = create(monitor(uniqueName("cron-backtest")));
        BacktestingProcessor.holds(id, MonitorLiveState.Thresholds.DEFAULT);

        api(DEFAULT_KEY).body(Map.of("cron", "0 3 * * *", "timeZone", "Europe/Berlin"))
                .post("/api/monitors/" + id + "/backtest").then().statusCode(200)
                .body("settings.cron", equalTo("0 3 * * *")).body("settings.timeZone", equalTo("Europe/Berlin"))
                .body("settings.timeoutSeconds", nullValue()).body("current.settings.timeoutSeconds", equalTo(60));
        assertThat(BacktestingProcessor.asked(id).rules().get(0))
                .isEqualTo(new Backtests.Rule(0, new CronSchedule("0 3 * * *", "Europe/Berlin"), 30, 0, 1, 1));

        api(DEFAULT_KEY).post("/api/monitors/" + id + "/backtest").then().statusCode(200)
                .body("incidents", hasSize(1)).body("current.incidents", hasSize(1));
        List<Backtests.Rule> rules = BacktestingProcessor.asked(id).rules();
        assertThat(rules.get(0)).isEqualTo(rules.get(1));
    }

    @Test
    void badBacktestSettingsAreA400ThatNamesTheProblem() {
        String id = create(monitor(uniqueName("bad-backtest")));
        BacktestingProcessor.holds(id, MonitorLiveState.Thresholds.DEFAULT);
        Map<Map<String, Object>, String> cases = new LinkedHashMap<>();
        cases.put(Map.of("failureThreshold", 0), "failureThreshold must be between 1 and 100");
        cases.put(Map.of("recoveryThreshold", 101), "recoveryThreshold must be between 1 and 100");
        cases.put(Map.of("timeoutSeconds", 0), "timeoutSeconds must be between 1 and 31536000 (365 days)");
        cases.put(Map.of("timeoutSeconds", 60, "cron", "@daily"), "give timeoutSeconds or cron, not both");
        cases.put(Map.of("timeZone", "Europe/Berlin"), "timeZone goes with cron; this monitor runs on an interval");

        cases.forEach((body, message) -> api(DEFAULT_KEY).body(body).post("/api/monitors/" + id + "/backtest")
                .then().statusCode(400).body("error", equalTo(message)));
        api(DEFAULT_KEY).body(Map.of("cron", "0 25 * * *")).post("/api/monitors/" + id + "/backtest")
                .then().statusCode(400).body("error", containsString("0 25 * * *"));
        assertThat(BacktestingProcessor.asked(id)).as("never asked with settings that do not fit").isNull();
    }

    @Test
    void aBacktestOfAnotherTenantsMonitorIs404AndTheProcessorIsNeverAsked() {
        String id = create(monitor(uniqueName("private")));
        BacktestingProcessor.holds(id, MonitorLiveState.Thresholds.DEFAULT);
        String otherKey = ApiKeys.generateKey();
        tenants.ensureTenantKey(uniqueName("tenant-b"), "test", otherKey, false);

        api(otherKey).body(Map.of("failureThreshold", 2)).post("/api/monitors/" + id + "/backtest").then()
                .statusCode(404);
        assertThat(BacktestingProcessor.asked(id)).isNull();
    }

    @Test
    void aReadOnlyKeyMayBacktestAsItChangesNothing() {
        String id = create(monitor(uniqueName("read-only-backtest")));
        BacktestingProcessor.holds(id, MonitorLiveState.Thresholds.DEFAULT);
        String readOnly = api(DEFAULT_KEY).body(Map.of("readOnly", true)).post("/api/keys").then().statusCode(201)
                .extract().path("key");

        api(readOnly).body(Map.of("failureThreshold", 2)).post("/api/monitors/" + id + "/backtest").then()
                .statusCode(200).body("settings.failureThreshold", equalTo(2));
    }

    @Test
    void aMonitorTheDetectorHasNotSeenHasNothingToReplay() {
        String id = create(monitor(uniqueName("unseen")));

        api(DEFAULT_KEY).post("/api/monitors/" + id + "/backtest").then().statusCode(200)
                .body("signals", equalTo(0)).body("from", nullValue()).body("incidents", hasSize(0))
                .body("current.incidents", hasSize(0));
    }

    @Test
    void aRebalancingDetectorIsA503WithItsRetryAfter() {
        String id = create(monitor(uniqueName("moving")));
        BacktestingProcessor.rebalancing(id);

        api(DEFAULT_KEY).post("/api/monitors/" + id + "/backtest").then().statusCode(503)
                .header("Retry-After", "3");
    }
}

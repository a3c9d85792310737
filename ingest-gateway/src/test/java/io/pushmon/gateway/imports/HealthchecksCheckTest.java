package io.pushmon.gateway.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.monitors.MonitorRequest;

/** The mapping from a Healthchecks v3 check list, on a listing like the ones its Management API gives. */
class HealthchecksCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSimpleCheckKeepsItsUuidTimeoutAndGrace() throws IOException {
        MonitorRequest request = readWrite().get(0).toRequest();

        assertThat(request.name()).isEqualTo("Nightly DB backup");
        assertThat(request.pushToken()).isEqualTo("c871ff09-db71-454c-8967-8b5c4b5d7fa9");
        assertThat(request.timeoutSeconds()).isEqualTo(86400);
        assertThat(request.graceSeconds()).isEqualTo(3600);
        assertThat(request.cron()).isNull();
        assertThat(request.timeZone()).isNull();
        assertThat(request.channelIds()).isNull();
    }

    @Test
    void aCronCheckOnASelfHostedInstanceKeepsItsScheduleZoneAndUuid() throws IOException {
        MonitorRequest request = readWrite().get(1).toRequest();

        assertThat(request.pushToken()).isEqualTo("a6958a2f-5fce-4f75-b3ab-717d6bbb4bc8");
        assertThat(request.cron()).isEqualTo("30 6 * * 1-5");
        assertThat(request.timeZone()).isEqualTo("Europe/Vienna");
        assertThat(request.timeoutSeconds()).isNull();
        assertThat(request.graceSeconds()).isEqualTo(1800);
    }

    @Test
    void onlyAPausedCheckIsMarkedPaused() throws IOException {
        assertThat(readWrite()).extracting(HealthchecksCheck::paused).containsExactly(false, false, true, false, false);
    }

    @Test
    void settingsThatHoldAValueAreListedAsIgnoredAndStateIsNot() throws IOException {
        List<HealthchecksCheck> checks = readWrite();

        assertThat(checks.get(0).ignored()).containsExactly("desc", "channels");
        assertThat(checks.get(1).ignored()).containsExactly("methods");
        assertThat(checks.get(3).ignored()).containsExactly("manual_resume", "success_kw", "filter_body");
        assertThat(checks.get(4).ignored()).isEmpty();
    }

    @Test
    void aPausedCheckListsManualResumeBecauseAPushDoesNotResumeAMonitor() throws IOException {
        assertThat(readWrite().get(2).ignored()).containsExactly("manual_resume");
    }

    @Test
    void aChecksSpaceSeparatedTagsBecomeTheMonitorsTags() throws IOException {
        assertThat(readWrite().get(0).toRequest().tags()).containsExactly("db", "prod");
        assertThat(readWrite().get(2).toRequest().tags()).containsExactly("ops");
        assertThat(readWrite().get(1).toRequest().tags()).isEmpty();
    }

    @Test
    void tagsPushmonCannotTakeAreDroppedAndTagsIsListedAsIgnored() throws IOException {
        String uuid = "\"ping_url\":\"https://hc-ping.com/5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278\",\"timeout\":60";

        HealthchecksCheck check = single("{\"name\":\"x\",\"tags\":\" Prod  db:primary prod all \",\"desc\":\"d\","
                + uuid + "}");

        assertThat(check.tags()).containsExactly("prod");
        assertThat(check.ignored()).containsExactly("tags", "desc");
        assertThat(single("{\"name\":\"x\",\"tags\":\"Prod PROD\"," + uuid + "}").ignored()).isEmpty();
    }

    @Test
    void aFieldHealthchecksMightAddLaterIsListedAsIgnored() throws IOException {
        ObjectNode list = (ObjectNode) JSON.readTree(resource("checks-read-write.json"));
        ((ObjectNode) list.withArray("checks").get(4)).put("failure_tolerance", 3);

        assertThat(HealthchecksCheck.parseList(list).get(4).ignored()).containsExactly("failure_tolerance");
    }

    @Test
    void anUnnamedCheckIsNamedAfterItsUuid() throws IOException {
        assertThat(readWrite().get(4).name()).isEqualTo("a4662d15-0332-4584-880a-a142b0a884da");
    }

    @Test
    void anOnCalendarScheduleIsPassedOnForPushmonToJudge() throws IOException {
        MonitorRequest request = readWrite().get(3).toRequest();

        assertThat(request.cron()).isEqualTo("*-*-01 04:00");
        assertThat(request.timeZone()).isEqualTo("UTC");
    }

    @Test
    void aListReadWithAReadOnlyKeyGivesNoUuidAndSaysWhy() throws IOException {
        HealthchecksCheck check = HealthchecksCheck.parseList(JSON.readTree(resource("checks-read-only.json")))
                .get(0);

        assertThat(check.uuid()).isNull();
        assertThat(check.uuidProblem()).contains("read-only API key").contains("read-write key");
    }

    @Test
    void aPingUrlThatDoesNotEndInAUuidGivesNone() throws IOException {
        HealthchecksCheck check = single("{\"name\":\"x\",\"timeout\":60,"
                + "\"ping_url\":\"https://hc-ping.com/AbCdEf/nightly-backup\"}");

        assertThat(check.uuid()).isNull();
        assertThat(check.uuidProblem()).isEqualTo("ping_url does not end in a check UUID");
    }

    @Test
    void aFieldOfTheWrongTypeRejectsTheWholeListNamingTheCheck() {
        assertThatThrownBy(() -> single("{\"name\":\"x\",\"grace\":\"600\"}"))
                .isInstanceOf(ApiException.class).hasMessage("checks[0].grace must be a whole number of seconds");
        assertThatThrownBy(() -> single("{\"name\":\"x\",\"timeout\":60.5}"))
                .hasMessage("checks[0].timeout must be a whole number of seconds");
        assertThatThrownBy(() -> single("{\"name\":[\"x\"]}")).hasMessage("checks[0].name must be a string");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"null", "[]", "{}", "{\"checks\":{}}", "{\"name\":\"x\",\"timeout\":60}"})
    void somethingOtherThanACheckListIsRejected(String body) throws IOException {
        JsonNode parsed = JSON.readTree(body);

        assertThatThrownBy(() -> HealthchecksCheck.parseList(parsed)).isInstanceOf(ApiException.class)
                .hasMessageContaining("a Healthchecks check list is required");
    }

    @Test
    void aCheckThatIsNotAnObjectIsRejected() {
        assertThatThrownBy(() -> HealthchecksCheck.parseList(JSON.readTree("{\"checks\":[{},\"x\"]}")))
                .hasMessage("checks[1] must be an object");
    }

    @Test
    void aListOverTheBoundIsRejectedAsAWhole() {
        ObjectNode list = JSON.createObjectNode();
        ArrayNode checks = list.putArray("checks");
        for (int i = 0; i <= HealthchecksCheck.MAX_CHECKS; i++) {
            checks.addObject().put("name", "c" + i).put("timeout", 60);
        }

        assertThatThrownBy(() -> HealthchecksCheck.parseList(list)).isInstanceOf(ApiException.class)
                .hasMessageStartingWith("at most 100 checks per import, this list has 101");
    }

    @Test
    void aSlugSetByHandIsListedAsIgnoredAndOneDerivedFromTheNameIsNot() throws IOException {
        String uuid = "\"ping_url\":\"https://hc-ping.com/5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278\",\"timeout\":60";

        assertThat(single("{\"name\":\"Invoice run\",\"slug\":\"invoices\"," + uuid + "}").ignored())
                .containsExactly("slug");
        assertThat(single("{\"name\":\"Invoice run\",\"slug\":\"invoice-run\"," + uuid + "}").ignored())
                .isEmpty();
    }

    private static List<HealthchecksCheck> readWrite() throws IOException {
        return HealthchecksCheck.parseList(JSON.readTree(resource("checks-read-write.json")));
    }

    private static HealthchecksCheck single(String check) throws IOException {
        return HealthchecksCheck.parseList(JSON.readTree("{\"checks\":[" + check + "]}")).get(0);
    }

    private static InputStream resource(String name) {
        return HealthchecksCheckTest.class.getResourceAsStream(name);
    }
}

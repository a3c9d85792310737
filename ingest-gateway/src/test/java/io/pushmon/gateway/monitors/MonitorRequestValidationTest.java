package io.pushmon.gateway.monitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.AlertPolicy;
import io.pushmon.common.model.CronSchedule;
import io.pushmon.gateway.errors.ApiException;

class MonitorRequestValidationTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void createValidator() {
        factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    @Test
    void theLimitsThemselvesAreValid() {
        assertThat(problems(new MonitorRequest("n", 1L, null, null, 0L, List.of(), null, null))).isEmpty();
        assertThat(problems(new MonitorRequest("n".repeat(100), 31_536_000L, null, null, 31_536_000L, null, null, null))).isEmpty();
        assertThat(problems(new MonitorRequest("n", 60L, null, null, null, null, null, null))).isEmpty();
    }

    @Test
    void eachFieldOutsideItsRangeIsNamed() {
        assertThat(problems(new MonitorRequest(null, 60L, null, null, null, null, null, null)))
                .containsExactly("name is required and must not be blank");
        assertThat(problems(new MonitorRequest(" \t", 60L, null, null, null, null, null, null)))
                .containsExactly("name is required and must not be blank");
        assertThat(problems(new MonitorRequest("n".repeat(101), 60L, null, null, null, null, null, null)))
                .containsExactly("name must be 1 to 100 characters");
        assertThat(problems(new MonitorRequest("n", 0L, null, null, null, null, null, null)))
                .containsExactly("timeoutSeconds must be between 1 and 31536000 (365 days)");
        assertThat(problems(new MonitorRequest("n", 31_536_001L, null, null, null, null, null, null)))
                .containsExactly("timeoutSeconds must be between 1 and 31536000 (365 days)");
        assertThat(problems(new MonitorRequest("n", 60L, null, null, -1L, null, null, null)))
                .containsExactly("graceSeconds must be between 0 and 31536000 (365 days)");
        assertThat(problems(new MonitorRequest("n", 60L, null, null, 31_536_001L, null, null, null)))
                .containsExactly("graceSeconds must be between 0 and 31536000 (365 days)");
        assertThat(problems(new MonitorRequest("n", 60L, null, null, null, List.of(""), null, null)))
                .containsExactly("channelIds must not contain blank ids");
        assertThat(problems(new MonitorRequest("n", 60L, null, null, null, Collections.nCopies(51, "c"), null, null)))
                .containsExactly("at most 50 channelIds");
    }

    @Test
    void defaultsAndDuplicateChannelsAreNormalised() {
        MonitorRequest request = new MonitorRequest("n", 60L, null, null, null, new ArrayList<>(List.of("a", "b", "a")), null, null);

        assertThat(request.graceOrDefault()).isZero();
        assertThat(request.channelIdsOrNone()).containsExactly("a", "b");
    }

    @Test
    void aRequestNamesEitherAnIntervalOrACronSchedule() {
        assertThatThrownBy(() -> new MonitorRequest("n", null, null, null, null, null, null, null).scheduleOrInterval())
                .hasMessage("timeoutSeconds or cron is required");
        assertThatThrownBy(() -> new MonitorRequest("n", 60L, "0 3 * * *", null, null, null, null, null).scheduleOrInterval())
                .hasMessage("give timeoutSeconds or cron, not both");
        assertThatThrownBy(() -> new MonitorRequest("n", 60L, null, "UTC", null, null, null, null).scheduleOrInterval())
                .hasMessageContaining("timeZone goes with cron");
    }

    @Test
    void aCronScheduleIsCheckedAndItsZoneDefaultsToUtc() {
        assertThat(new MonitorRequest("n", null, "@daily", null, 600L, null, null, null).scheduleOrInterval())
                .isEqualTo(new CronSchedule("@daily", "UTC"));
        assertThat(new MonitorRequest("n", null, "@daily", null, 600L, null, null, null).timeoutOrNone()).isZero();
        assertThatThrownBy(() -> new MonitorRequest("n", null, "0 25 * * *", null, null, null, null, null).scheduleOrInterval())
                .isInstanceOf(ApiException.class).hasMessageContaining("cron '0 25 * * *'");
        assertThatThrownBy(() -> new MonitorRequest("n", null, "0 3 * * *", "Europe/Atlantis", null, null, null, null)
                .scheduleOrInterval()).hasMessageContaining("timeZone 'Europe/Atlantis' is not an IANA time zone");
    }

    @Test
    void theAlertPolicyDefaultsToDownAtTheFirstFailureWithoutReminders() {
        assertThat(new MonitorRequest("n", 60L, null, null, null, null, null, null).alertPolicy())
                .isEqualTo(AlertPolicy.DEFAULT);
        assertThat(alerting(3, 2, 3600L, 5).alertPolicy()).isEqualTo(new AlertPolicy(3, 2, 3600, 5));
        assertThat(problems(alerting(100, 100, 60L, 1000))).isEmpty();
    }

    @Test
    void thresholdsAndRemindersOutOfRangeNameTheirField() {
        assertThat(problems(alerting(0, 101, null, null))).containsExactly(
                "failureThreshold must be between 1 and 100", "recoveryThreshold must be between 1 and 100");
        assertThat(problems(alerting(null, null, -1L, 1001))).containsExactly(
                "reminderIntervalSeconds must be 0 (no reminders) or between 60 and 31536000 (365 days)",
                "reminderLimit must be between 0 (no limit) and 1000");
        assertThatThrownBy(() -> alerting(null, null, 59L, null).alertPolicy()).isInstanceOf(ApiException.class)
                .hasMessage(MonitorRequest.REMINDER_INTERVAL_RANGE);
    }

    private static MonitorRequest alerting(Integer failureThreshold, Integer recoveryThreshold, Long interval,
            Integer limit) {
        return new MonitorRequest("n", 60L, null, null, null, null, null, null, null, failureThreshold,
                recoveryThreshold, interval, limit);
    }

    private static List<String> problems(MonitorRequest request) {
        return validator.validate(request).stream().map(ConstraintViolation::getMessage).sorted().toList();
    }
}

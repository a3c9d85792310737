package io.pushmon.gateway.monitors;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(problems(new MonitorRequest("n", 1L, 0L, List.of()))).isEmpty();
        assertThat(problems(new MonitorRequest("n".repeat(100), 31_536_000L, 31_536_000L, null))).isEmpty();
        assertThat(problems(new MonitorRequest("n", 60L, null, null))).isEmpty();
    }

    @Test
    void eachFieldOutsideItsRangeIsNamed() {
        assertThat(problems(new MonitorRequest(null, 60L, null, null)))
                .containsExactly("name is required and must not be blank");
        assertThat(problems(new MonitorRequest(" \t", 60L, null, null)))
                .containsExactly("name is required and must not be blank");
        assertThat(problems(new MonitorRequest("n".repeat(101), 60L, null, null)))
                .containsExactly("name must be 1 to 100 characters");
        assertThat(problems(new MonitorRequest("n", null, null, null))).containsExactly("timeoutSeconds is required");
        assertThat(problems(new MonitorRequest("n", 0L, null, null)))
                .containsExactly("timeoutSeconds must be between 1 and 31536000 (365 days)");
        assertThat(problems(new MonitorRequest("n", 31_536_001L, null, null)))
                .containsExactly("timeoutSeconds must be between 1 and 31536000 (365 days)");
        assertThat(problems(new MonitorRequest("n", 60L, -1L, null)))
                .containsExactly("graceSeconds must be between 0 and 31536000 (365 days)");
        assertThat(problems(new MonitorRequest("n", 60L, 31_536_001L, null)))
                .containsExactly("graceSeconds must be between 0 and 31536000 (365 days)");
        assertThat(problems(new MonitorRequest("n", 60L, null, List.of(""))))
                .containsExactly("channelIds must not contain blank ids");
        assertThat(problems(new MonitorRequest("n", 60L, null, Collections.nCopies(51, "c"))))
                .containsExactly("at most 50 channelIds");
    }

    @Test
    void defaultsAndDuplicateChannelsAreNormalised() {
        MonitorRequest request = new MonitorRequest("n", 60L, null, new ArrayList<>(List.of("a", "b", "a")));

        assertThat(request.graceOrDefault()).isZero();
        assertThat(request.channelIdsOrNone()).containsExactly("a", "b");
    }

    private static List<String> problems(MonitorRequest request) {
        return validator.validate(request).stream().map(ConstraintViolation::getMessage).sorted().toList();
    }
}

package io.pushmon.gateway.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.pushmon.common.model.PushStatus;
import io.pushmon.gateway.errors.ApiException;

class PushParametersTest {

    @Test
    void nothingGivenIsAnUpPushWithoutMessageOrValue() {
        assertThat(PushParameters.parse(null, null)).isEqualTo(new PushParameters(PushStatus.UP, null, null, null, null, false));
        assertThat(PushParameters.parse("", new byte[0])).isEqualTo(new PushParameters(PushStatus.UP, null, null, null, null, false));
    }

    @Test
    void queryParametersAreDecodedAsUtf8() {
        PushParameters parsed = PushParameters.parse("status=DOWN&msg=caf%C3%A9+%E2%9C%93%20ok&value=-1.5e3", null);

        assertThat(parsed.status()).isEqualTo(PushStatus.DOWN);
        assertThat(parsed.msg()).isEqualTo("café ✓ ok");
        assertThat(parsed.value()).isEqualTo(-1500.0);
    }

    @Test
    void formParametersCountLikeQueryParameters() {
        PushParameters parsed = PushParameters.parse("status=down",
                "msg=from+form&ping=12".getBytes(StandardCharsets.US_ASCII));

        assertThat(parsed).isEqualTo(new PushParameters(PushStatus.DOWN, "from form", 12.0, null, null, false));
    }

    @Test
    void emptyValuesCountAsAbsentAsUptimeKumaSendsThem() {
        assertThat(PushParameters.parse("status=&msg=&value=&ping=", null))
                .isEqualTo(new PushParameters(PushStatus.UP, null, null, null, null, false));
    }

    @Test
    void repeatingAParameterWithTheSameValueIsFineAndUnknownOnesAreIgnored() {
        assertThat(PushParameters.parse("status=up&status=up&value=2&ping=2&cachebuster=%ZZ", null))
                .isEqualTo(new PushParameters(PushStatus.UP, null, 2.0, null, null, false));
    }

    @Test
    void aMessageOfExactly1000CharactersIsAcceptedCountingCodePoints() {
        String thousandEmoji = "%F0%9F%98%80".repeat(1000);

        assertThat(PushParameters.parse("msg=" + thousandEmoji, null).msg().codePointCount(0, 2000)).isEqualTo(1000);
        assertThatThrownBy(() -> PushParameters.parse("msg=" + thousandEmoji + "x", null))
                .hasMessage("msg is longer than 1000 characters");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "status=sideways        | status must be 'up', 'down', 'start' or 'log'",
        "value=NaN              | value must be a finite decimal number",
        "value=Infinity         | value must be a finite decimal number",
        "value=10e999           | value is out of range: it must be a finite number",
        "value=1d               | value must be a finite decimal number",
        "value=1_000            | value must be a finite decimal number",
        "ping=-                 | ping must be a finite decimal number",
        "value=1&ping=1.5       | value and ping are both given and differ; send one of them",
        "msg=%G1                | msg has a malformed percent-encoding (expected %XX)",
        "msg=%                  | msg has a malformed percent-encoding (expected %XX)",
        "msg=%FE%FF             | msg is not valid UTF-8",
        "msg=%F0%9F%98          | msg is not valid UTF-8",
        "status=up&status=down  | status is given more than once with different values",
        "st%ZZatus=up           | a parameter name has a malformed percent-encoding (expected %XX)"
    })
    void badParametersAreRejectedWithAMessageNamingThem(String query, String message) {
        assertThatThrownBy(() -> PushParameters.parse(query, null)).isInstanceOf(ApiException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((ApiException) e).status().getStatusCode()).isEqualTo(400));
    }

    @Test
    void aRawNonUtf8ByteIsRejectedEvenWithoutPercentEncoding() {
        assertThatThrownBy(() -> PushParameters.parse(null, "msg=caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)))
                .hasMessage("msg is not valid UTF-8");
    }
}

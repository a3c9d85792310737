package io.pushmon.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class WrkScriptTest {

    private static final Path TOKENS = Path.of("/bench/ingest/tokens.txt");

    @Test
    void theScriptPostsToThePushPathOfEachTokenInTheFileWithAnEmptyBody() {
        String lua = WrkScript.lua(TOKENS, 2);

        assertThat(lua).contains("io.lines(\"/bench/ingest/tokens.txt\")")
                .contains("wrk.format(\"POST\", \"/api/push/\" .. token, nil, \"\")");
    }

    @Test
    void eachThreadStartsAtItsOwnShareOfTheTokensAndThenGoesRoundRobin() {
        String lua = WrkScript.lua(TOKENS, 3);

        assertThat(lua).contains("thread:set(\"index\", threads)")
                .contains("position = math.floor(count * index / 3)")
                .contains("position = position % count + 1");
    }

    @Test
    void theScriptHasNoResponseCallbackBecauseItWouldMakeWrkParseEveryAnswer() {
        assertThat(WrkScript.lua(TOKENS, 2)).doesNotContain("function response");
    }

    @Test
    void doneWritesExactlyTheFieldsTheSummaryReads() {
        Matcher keys = Pattern.compile("\"(\\w+)\":%d").matcher(WrkScript.lua(TOKENS, 2));
        List<String> written = keys.results().map(m -> m.group(1)).toList();

        assertThat(written).containsExactlyElementsOf(Arrays.stream(WrkSummary.class.getRecordComponents())
                .map(c -> c.getName()).toList());
    }

    @Test
    void aQuoteOrBackslashInThePathIsEscapedForLua() {
        assertThat(WrkScript.luaString("/tmp/a \"b\" \\c")).isEqualTo("\"/tmp/a \\\"b\\\" \\\\c\"");
        assertThatThrownBy(() -> WrkScript.luaString("/tmp/a\nb")).hasMessageContaining("control character");
    }
}

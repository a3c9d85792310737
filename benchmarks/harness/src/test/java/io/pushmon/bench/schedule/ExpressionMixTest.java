package io.pushmon.bench.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.pushmon.common.schedule.Schedules;

class ExpressionMixTest {

    @Test
    void everyIndexGivesAnotherExpression() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ExpressionMix.DISTINCT; i++) {
            String expression = ExpressionMix.expression(i);
            assertThat(seen.add(expression)).as("%d: %s is new", i, expression).isTrue();
        }
        assertThat(seen).hasSizeGreaterThan(30_000);
    }

    /** Every 7th, so every shape in many variants; the scenario checks all it uses before it times them. */
    @Test
    void schedulesAcceptsTheExpressionsAndTheyRun() {
        for (int i = 0; i < ExpressionMix.DISTINCT; i += 7) {
            Schedules.parse(ExpressionMix.expression(i), "UTC");
        }
    }

    @Test
    void anyThousandConsecutiveExpressionsHoldTheShapesAlike() {
        Map<String, Long> first = shapes(0);
        Map<String, Long> later = shapes(15_000);

        assertThat(later.keySet()).isEqualTo(first.keySet());
        first.forEach((shape, count) -> assertThat(later.get(shape)).as(shape).isBetween(count - 5, count + 5));
    }

    @Test
    void neighboursOfAShapeDifferInMoreThanTheirLastField() {
        int shapes = 8;
        for (int i = 0; i < 100; i++) {
            String[] one = ExpressionMix.expression(i).split(" ");
            String[] next = ExpressionMix.expression(i + shapes).split(" ");
            long differing = IntStream.range(0, 5).filter(field -> !one[field].equals(next[field])).count();

            assertThat(differing).as("%s and %s", String.join(" ", one), String.join(" ", next)).isGreaterThan(1);
        }
    }

    @Test
    void anIndexOutsideTheMixIsRefused() {
        assertThatThrownBy(() -> ExpressionMix.expression(ExpressionMix.DISTINCT))
                .hasMessageContaining("distinct expressions");
        assertThatThrownBy(() -> ExpressionMix.expression(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The expressions of the thousand from {@code from} with their numbers blanked: how many of each shape. */
    private static Map<String, Long> shapes(int from) {
        return IntStream.range(from, from + 1_000).mapToObj(ExpressionMix::expression)
                .map(e -> e.replaceAll("\\d+", "n"))
                .collect(Collectors.groupingBy(e -> e, Collectors.counting()));
    }
}

package io.pushmon.common.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.model.EventReason;

class BacktestsTest {

    @Test
    void aQuerySurvivesTheRoundTrip() {
        var query = new Backtests.Query(List.of(new Backtests.Rule(60, null, 30, 0, 3, 1),
                new Backtests.Rule(0, new CronSchedule("0 3 * * *", "Europe/Berlin"), 600, 120, 1, 2)));

        assertThat(Backtests.Query.fromJson(query.toJson())).isEqualTo(query);
    }

    @Test
    void aReportSurvivesTheRoundTripWithAnOpenIncidentsEndWrittenAsNull() {
        var open = new Backtests.Incident(Instant.parse("2026-01-01T01:00:00Z"), null, EventReason.REPORTED_DOWN);
        var report = new Backtests.Report(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T02:00:00Z"),
                100, List.of(List.of(open), List.of()));

        assertThat(report.toJson()).contains("\"end\":null", "\"reason\":\"reported-down\"");
        assertThat(Backtests.Report.fromAnswer(200, report.toJson())).contains(report);
    }

    @Test
    void anAnswerOtherThan200OrABodyThatIsNoReportIsNone() {
        assertThat(Backtests.Report.fromAnswer(503, "{\"ok\":false}")).isEmpty();
        assertThat(Backtests.Report.fromAnswer(200, "<html>")).isEmpty();
        assertThatThrownBy(() -> Backtests.Query.fromJson("[1,2]")).isInstanceOf(UncheckedIOException.class);
    }
}

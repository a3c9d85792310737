package io.pushmon.dispatcher.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pushmon.common.delivery.DeliveryLogEntry;
import io.pushmon.common.delivery.DeliveryOutcome;

class NotificationHistoryTest {

    private static DeliveryLogEntry attempt(String key, String channelId, int attempt, DeliveryOutcome outcome,
            String error, String at) {
        return new DeliveryLogEntry("m-1", "t-1", channelId, "webhook", "e-" + key, 1, "down", key, attempt, outcome,
                error == null ? 200 : 500, error, Instant.parse(at), 12);
    }

    @Test
    void attemptsOfOneDeliveryFoldIntoOneLineWithTheLastOutcomeAndError() {
        List<DeliverySummary> summaries = NotificationHistory.summarize(List.of(
                attempt("k1", "c-1", 1, DeliveryOutcome.RETRYING, "HTTP 500", "2026-01-01T00:00:00Z"),
                attempt("k1", "c-1", 2, DeliveryOutcome.DELIVERED, null, "2026-01-01T00:00:30Z")));

        assertThat(summaries).containsExactly(new DeliverySummary("c-1", "webhook", "e-k1", "down", 2,
                DeliveryOutcome.DELIVERED, "HTTP 500", Instant.parse("2026-01-01T00:00:30Z"), List.of(
                        new DeliverySummary.Attempt(1, Instant.parse("2026-01-01T00:00:00Z"),
                                DeliveryOutcome.RETRYING, 500, "HTTP 500", 12),
                        new DeliverySummary.Attempt(2, Instant.parse("2026-01-01T00:00:30Z"),
                                DeliveryOutcome.DELIVERED, 200, null, 12))));
    }

    @Test
    void deliveriesAreListedNewestFirst() {
        List<DeliverySummary> summaries = NotificationHistory.summarize(List.of(
                attempt("k1", "c-1", 1, DeliveryOutcome.DELIVERED, null, "2026-01-01T00:00:00Z"),
                attempt("k2", "c-2", 1, DeliveryOutcome.DELIVERED, null, "2026-01-01T01:00:00Z")));

        assertThat(summaries).extracting(DeliverySummary::channelId).containsExactly("c-2", "c-1");
    }

    @Test
    void anAttemptReplayedAfterACrashDoesNotLowerTheAttemptCount() {
        List<DeliverySummary> summaries = NotificationHistory.summarize(List.of(
                attempt("k1", "c-1", 1, DeliveryOutcome.RETRYING, "HTTP 503", "2026-01-01T00:00:00Z"),
                attempt("k1", "c-1", 2, DeliveryOutcome.RETRYING, "HTTP 503", "2026-01-01T00:00:10Z"),
                attempt("k1", "c-1", 2, DeliveryOutcome.DELIVERED, null, "2026-01-01T00:00:20Z")));

        assertThat(summaries).singleElement().satisfies(summary -> {
            assertThat(summary.attempts()).isEqualTo(2);
            assertThat(summary.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        });
    }
}

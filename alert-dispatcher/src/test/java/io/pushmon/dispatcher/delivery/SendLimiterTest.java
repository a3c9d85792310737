package io.pushmon.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

class SendLimiterTest {

    @Test
    void sendsOverTheLimitWaitAndStartWhenAnEarlierOneFinishes() {
        SendLimiter limiter = new SendLimiter(2);
        List<CompletableFuture<String>> receivers = new ArrayList<>();
        List<CompletionStage<String>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(limiter.submit(() -> {
                CompletableFuture<String> answer = new CompletableFuture<>();
                receivers.add(answer);
                return answer;
            }));
        }
        assertThat(receivers).hasSize(2);
        assertThat(limiter.inFlight()).isEqualTo(2);
        assertThat(limiter.queued()).isEqualTo(1);

        receivers.get(0).complete("first");

        assertThat(receivers).hasSize(3);
        assertThat(results.get(0).toCompletableFuture()).isCompletedWithValue("first");
        assertThat(limiter.inFlight()).isEqualTo(2);
        assertThat(limiter.queued()).isZero();
    }

    @Test
    void aTaskThatThrowsFreesItsSlot() {
        SendLimiter limiter = new SendLimiter(1);
        CompletionStage<String> failed = limiter.submit(() -> {
            throw new IllegalStateException("boom");
        });
        CompletionStage<String> next = limiter.submit(() -> CompletableFuture.completedFuture("ok"));

        assertThat(failed.toCompletableFuture()).isCompletedExceptionally();
        assertThat(next.toCompletableFuture()).isCompletedWithValue("ok");
        assertThat(limiter.inFlight()).isZero();
    }
}

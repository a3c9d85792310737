package io.pushmon.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushmon.system.PushmonApi.Channel;
import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.WebhookReceiver.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a user sees, on the packaged services running as their own processes: only the public HTTP API and a
 * webhook receiver. Each test has its own monitor, channel and receiver path; the system is shared.
 */
@ExtendWith(SharedPushmonSystem.class)
class NotificationsEndToEndIT {

    private static final int TIMEOUT_SECONDS = 2;
    /** The promise: a down notification within 3 s after the deadline. */
    private static final Duration NOTIFY_WITHIN = Duration.ofSeconds(3);

    private static PushmonApi api;
    private static WebhookReceiver receiver;

    private String hookPath;
    private Channel channel;

    @BeforeAll
    static void connect(PushmonSystem system, WebhookReceiver webhooks) {
        api = new PushmonApi(system);
        receiver = webhooks;
    }

    private Monitor monitorWithWebhook(TestInfo test) {
        String name = test.getTestMethod().orElseThrow().getName();
        hookPath = "/hooks/" + name;
        channel = api.createWebhookChannel(name, receiver.url(hookPath));
        return api.createMonitor(name, TIMEOUT_SECONDS, List.of(channel.id()));
    }

    @Test
    void aMonitorThatStopsPushingIsReportedDownWithinThreeSecondsOfItsDeadlineAndUpWhenItPushesAgain(TestInfo test) {
        Monitor monitor = monitorWithWebhook(test);

        Instant beforePush = Instant.now();
        assertThat(api.push(monitor.pushToken(), "msg=started").status()).isEqualTo(200);
        Instant acknowledged = Instant.now();

        Delivery down = awaitDeliveries(1, Duration.ofSeconds(TIMEOUT_SECONDS + 10)).get(0);
        JsonNode downBody = down.json();
        assertThat(down.signedWith(channel.secret())).as("X-Pushmon-Signature verifies").isTrue();
        assertThat(down.header("X-Pushmon-Event")).isEqualTo("monitor.down");
        assertThat(downBody.path("reason").asText()).isEqualTo("timeout");
        assertThat(downBody.path("monitorId").asText()).isEqualTo(monitor.id());
        // The event's time is the deadline itself: the broker stamped the push between our send and its answer.
        Instant deadline = Instant.parse(downBody.path("at").asText());
        assertThat(deadline).isBetween(beforePush.plusSeconds(TIMEOUT_SECONDS).minusSeconds(1),
                acknowledged.plusSeconds(TIMEOUT_SECONDS).plusSeconds(1));
        assertThat(Duration.between(deadline, down.receivedAt())).isLessThanOrEqualTo(NOTIFY_WITHIN);

        assertThat(api.push(monitor.pushToken(), "msg=back").status()).isEqualTo(200);

        Delivery up = awaitDeliveries(2, Duration.ofSeconds(10)).get(1);
        JsonNode upBody = up.json();
        assertThat(up.signedWith(channel.secret())).isTrue();
        assertThat(up.header("X-Pushmon-Event")).isEqualTo("monitor.up");
        assertThat(upBody.path("reason").asText()).isEqualTo("recovered");
        assertThat(upBody.path("incident").asLong()).isEqualTo(downBody.path("incident").asLong());
        assertThat(upBody.path("lastMsg").asText()).isEqualTo("back");
        assertThat(up.header("Idempotency-Key")).isNotEqualTo(down.header("Idempotency-Key"));
    }

    @Test
    void aDownPushIsNotifiedAtOnceWithItsMessageAndTheDeadlinePassingAddsNoSecondNotification(TestInfo test) {
        Monitor monitor = monitorWithWebhook(test);

        assertThat(api.push(monitor.pushToken(), "status=down&msg=backup-failed").status()).isEqualTo(200);
        Instant acknowledged = Instant.now();

        Delivery down = awaitDeliveries(1, Duration.ofSeconds(10)).get(0);
        JsonNode body = down.json();
        assertThat(down.signedWith(channel.secret())).isTrue();
        assertThat(body.path("reason").asText()).isEqualTo("reported-down");
        assertThat(body.path("lastMsg").asText()).isEqualTo("backup-failed");
        // Sooner than the timeout could have produced it.
        assertThat(Duration.between(acknowledged, down.receivedAt())).isLessThan(Duration.ofSeconds(TIMEOUT_SECONDS));

        // Past the deadline and the time a timeout notification would need to arrive.
        Pause.sleep(Duration.ofSeconds(TIMEOUT_SECONDS).plus(NOTIFY_WITHIN).plusSeconds(1));
        assertThat(receiver.deliveries(hookPath)).hasSize(1);
    }

    @Test
    void aPausedMonitorIsNotNotifiedAndAfterResumeGoesDownOneTimeoutLater(TestInfo test) {
        Monitor monitor = monitorWithWebhook(test);
        assertThat(api.push(monitor.pushToken(), "").status()).isEqualTo(200);
        api.pause(monitor.id());

        PushmonApi.Answer pausedPush = api.push(monitor.pushToken(), "msg=during-maintenance");
        assertThat(pausedPush.status()).isEqualTo(200);
        assertThat(pausedPush.body().path("paused").asBoolean()).isTrue();
        Pause.sleep(Duration.ofSeconds(3L * TIMEOUT_SECONDS));
        assertThat(receiver.deliveries(hookPath)).as("notifications while paused").isEmpty();

        Instant beforeResume = Instant.now();
        api.resume(monitor.id());
        Instant resumed = Instant.now();

        Delivery down = awaitDeliveries(1, Duration.ofSeconds(TIMEOUT_SECONDS + 10)).get(0);
        JsonNode body = down.json();
        assertThat(body.path("reason").asText()).isEqualTo("timeout");
        // Re-armed from the resume, not from the last push before the pause (which is long past).
        Instant deadline = Instant.parse(body.path("at").asText());
        assertThat(deadline).isBetween(beforeResume.plusSeconds(TIMEOUT_SECONDS).minusMillis(500),
                resumed.plusSeconds(TIMEOUT_SECONDS).plusSeconds(1));
        assertThat(Duration.between(deadline, down.receivedAt())).isLessThanOrEqualTo(NOTIFY_WITHIN);
        assertThat(receiver.deliveries(hookPath)).hasSize(1);
    }

    @Test
    void aDeletedMonitorsTokenAnswers404(TestInfo test) {
        Monitor monitor = monitorWithWebhook(test);
        assertThat(api.push(monitor.pushToken(), "").status()).isEqualTo(200);

        api.delete(monitor.id());

        PushmonApi.Answer push = api.push(monitor.pushToken(), "");
        assertThat(push.status()).isEqualTo(404);
        assertThat(push.body().path("ok").asBoolean(true)).isFalse();
        assertThat(api.monitor(monitor.id()).status()).isEqualTo(404);
    }

    /**
     * A job expected every minute that runs once and then stops: it is reported down at the next expected run
     * plus grace, to the second, and not before. A whole minute at most, so the schedule is the finest cron has.
     */
    @Test
    void aCronJobThatMissesItsRunIsReportedDownAtTheRunPlusGrace(TestInfo test) {
        String name = test.getTestMethod().orElseThrow().getName();
        hookPath = "/hooks/" + name;
        channel = api.createWebhookChannel(name, receiver.url(hookPath));
        Monitor monitor = api.createCronMonitor(name, "* * * * *", "UTC", 2, List.of(channel.id()));

        assertThat(api.push(monitor.pushToken(), "msg=ran").status()).isEqualTo(200);
        Instant pushed = Instant.parse(api.heartbeatsUntilOne(monitor.id()).path(0).path("at").asText());

        Delivery down = awaitDeliveries(1, Duration.ofSeconds(75)).get(0);
        JsonNode body = down.json();
        Instant expectedRun = pushed.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        assertThat(body.path("reason").asText()).isEqualTo("timeout");
        assertThat(Instant.parse(body.path("at").asText())).isEqualTo(expectedRun.plusSeconds(2));
        assertThat(down.receivedAt()).isAfterOrEqualTo(expectedRun.plusSeconds(2));
        assertThat(Duration.between(expectedRun.plusSeconds(2), down.receivedAt())).isLessThanOrEqualTo(NOTIFY_WITHIN);
    }

    private List<Delivery> awaitDeliveries(int count, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> receiver.deliveries(hookPath).size() >= count);
        return receiver.deliveries(hookPath);
    }
}

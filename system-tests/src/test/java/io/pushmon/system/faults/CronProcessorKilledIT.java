package io.pushmon.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.kafka.testing.TopicClient.Received;
import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.PushmonSystem.Component;
import io.pushmon.system.WebhookReceiver.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The processor-restart guarantee of issue 7 (scenarios 2 and 3) for cron monitors: {@code kill -9} of the processor
 * for longer than a cron period, so every job has a run expected while nothing watches, then a restart. The restarted
 * processor reads the backlog in heartbeat time: jobs that reported each run are not paged, and a job that stopped
 * is paged once, at its expected run plus grace, not when the processor came back.
 */
class CronProcessorKilledIT extends FaultScenario {

    private static final int GRACE_SECONDS = 5;
    /**
     * Longer than a period of {@link CronJobs#SCHEDULE} and its grace, so every job has a run inside it and the
     * quitter's deadline falls inside it too, before the restart begins.
     */
    private static final Duration OUTAGE = Duration.ofSeconds(60 + GRACE_SECONDS + 2);

    @Test
    void aProcessorKilledForLongerThanACronPeriodPagesOnlyTheJobThatStoppedOnceAtItsRunPlusGrace() {
        Ledger ledger = new Ledger("3 processor killed " + OUTAGE.toSeconds() + " s, cron");
        Monitor keeper1 = rig.cronMonitor("cron-keeper-1", CronJobs.SCHEDULE, GRACE_SECONDS);
        Monitor keeper2 = rig.cronMonitor("cron-keeper-2", CronJobs.SCHEDULE, GRACE_SECONDS);
        Monitor quitter = rig.cronMonitor("cron-quitter", CronJobs.SCHEDULE, GRACE_SECONDS);
        List<String> acked;
        Instant killedAt;
        Instant restartedAt;
        try (CronJobs jobs = new CronJobs(rig.api)) {
            List.of(keeper1, keeper2, quitter).forEach(m -> assertThat(jobs.reportNow(m)).isTrue());
            jobs.add(keeper1, keeper2);
            List.of(keeper1, keeper2, quitter).forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(20)));
            // The quitter's last report comes just before the kill, so its next run comes due while nothing watches.
            assertThat(jobs.reportNow(quitter)).isTrue();

            killedAt = Instant.now();
            rig.system.kill(Component.PROCESSOR);
            FaultRig.sleep(OUTAGE);
            rig.system.restart(Component.PROCESSOR);
            restartedAt = Instant.now();

            rig.awaitStatus(quitter, "down", Duration.ofSeconds(30));
            // Every partition's backlog, not only the quitter's, has to be read before a false down could show.
            FaultRig.sleep(Duration.ofSeconds(GRACE_SECONDS));
            List.of(keeper1, keeper2).forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(5)));
            acked = jobs.acked();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> !rig.notifications().isEmpty());

        List<Received<String, Heartbeat>> heartbeats = rig.heartbeats();
        List<Received<String, MonitorEvent>> events = rig.committedEvents();
        ledger.heartbeats(acked, heartbeats)
                .events(Set.of(quitter.id()), Set.of(keeper1.id(), keeper2.id()), events)
                .notifications(rig.notifications())
                .print();

        ledger.assertExact();
        assertThat(ledger.ups()).as("the quitter never came back").isZero();
        long lastQuitterReport = heartbeats.stream().filter(h -> quitter.id().equals(h.key()))
                .mapToLong(Received::timestamp).max().orElseThrow();
        Instant missedRunDeadline = CronJobs.nextRun(Instant.ofEpochMilli(lastQuitterReport))
                .plusSeconds(GRACE_SECONDS);
        assertThat(missedRunDeadline).as("the missed run's deadline fell while the processor was dead")
                .isBetween(killedAt, killedAt.plus(OUTAGE));
        Instant downAt = events.stream().filter(e -> quitter.id().equals(e.key()))
                .filter(e -> e.value().to() == MonitorStatus.DOWN)
                .map(e -> e.value().at()).findFirst().orElseThrow();
        System.out.printf("processor killed %s, ready again %s, quitter's last report %s, down at %s%n", killedAt,
                restartedAt, Instant.ofEpochMilli(lastQuitterReport), downAt);
        assertThat(downAt).isEqualTo(missedRunDeadline);
        List<Delivery> notifications = rig.notifications();
        assertThat(notifications).hasSize(1);
        assertThat(notifications.get(0).header("Idempotency-Key")).startsWith(quitter.id() + ":");
        assertThat(notifications.get(0).receivedAt()).as("paged by the restarted processor")
                .isAfter(killedAt.plus(OUTAGE));
    }
}

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
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ingest-outage guarantee of issue 7 (scenario 4) for cron monitors: the gateway is stopped over an expected
 * run, so no job can report it. That is pushmon's outage: nobody is paged for it. The processor's rule for ingest
 * gaps (liveness-processor/README.md, "Ingest gaps") gives a cron monitor whose deadline fell in the gap at least
 * its first run after ingest is back: a cron job reports once per run, and the report our ingest path lost comes
 * again only then. One that stays silent goes down at that run plus grace.
 */
class CronIngestOutageIT extends FaultScenario {

    private static final int GRACE_SECONDS = 5;
    /** Ingest stops this long before the run, so the jobs still have this plus grace as slack. */
    private static final Duration STOP_BEFORE_RUN = Duration.ofSeconds(5);
    /** Time to report and see the monitors up before ingest stops, without a run in between. */
    private static final Duration SETUP = Duration.ofSeconds(5);

    @Test
    void anIngestOutageOverACronRunRaisesNoAlarmAndASilentJobGoesDownAtItsFirstRunAfterIngestIsBack() {
        Duration outage = FaultRig.outage();
        Ledger ledger = new Ledger("4 gateway stopped " + outage.toSeconds() + " s, cron");
        Monitor keeper1 = rig.cronMonitor("cron-keeper-1", CronJobs.SCHEDULE, GRACE_SECONDS);
        Monitor keeper2 = rig.cronMonitor("cron-keeper-2", CronJobs.SCHEDULE, GRACE_SECONDS);
        Monitor silent = rig.cronMonitor("cron-silent-after-outage", CronJobs.SCHEDULE, GRACE_SECONDS);
        Instant run = CronJobs.nextRun(Instant.now().plus(SETUP).plus(STOP_BEFORE_RUN));
        List<String> acked;
        Instant stoppedAt;
        try (CronJobs jobs = new CronJobs(rig.api)) {
            // The first reports come just before the run the outage covers, so no run falls between them and it.
            FaultRig.sleepUntil(run.minus(SETUP).minus(STOP_BEFORE_RUN));
            List.of(keeper1, keeper2, silent).forEach(m -> assertThat(jobs.reportNow(m)).isTrue());
            jobs.add(keeper1, keeper2);
            List.of(keeper1, keeper2, silent).forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(5)));
            FaultRig.sleepUntil(run.minus(STOP_BEFORE_RUN));

            stoppedAt = Instant.now();
            assertThat(rig.system.stop(Component.GATEWAY)).as("the gateway shuts down on SIGTERM").isTrue();
            FaultRig.sleep(outage);
            rig.system.restart(Component.GATEWAY);

            // Down at its first run after ingest is back plus grace: up to a minute and a half from here.
            rig.awaitStatus(silent, "down", Duration.ofSeconds(60 + STOP_BEFORE_RUN.toSeconds() + GRACE_SECONDS + 20));
            // The keepers reported that run; had their reports been lost, they would be down by now.
            FaultRig.sleep(Duration.ofSeconds(2));
            List.of(keeper1, keeper2).forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(5)));
            acked = jobs.acked();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> !rig.notifications().isEmpty());

        List<Received<String, Heartbeat>> heartbeats = rig.heartbeats();
        List<Received<String, MonitorEvent>> events = rig.committedEvents();
        ledger.heartbeats(acked, heartbeats)
                .events(Set.of(silent.id()), Set.of(keeper1.id(), keeper2.id()), events)
                .notifications(rig.notifications())
                .print();

        assertThat(ledger.lostPushes()).isZero();
        assertThat(ledger.falseAlarms()).isZero();
        assertThat(ledger.missedDowns()).isZero();
        assertThat(ledger.doubledDowns()).isZero();
        // The gap is the one the silent monitor's task saw: between the last record of its partition before the
        // outage and the first one after (the stopping gateway may still have written one just after stoppedAt).
        int partition = heartbeats.stream().filter(h -> silent.id().equals(h.key())).findFirst().orElseThrow()
                .partition();
        List<Long> times = heartbeats.stream().filter(h -> h.partition() == partition)
                .sorted(Comparator.comparingLong(Received::offset)).map(Received::timestamp).toList();
        int back = 0;
        while (times.get(back) <= stoppedAt.plus(outage).toEpochMilli()) {
            back++;
        }
        Instant gapFrom = Instant.ofEpochMilli(times.get(back - 1));
        Instant gapTo = Instant.ofEpochMilli(times.get(back));
        Instant runDeadline = run.plusSeconds(GRACE_SECONDS);
        assertThat(runDeadline).as("the run's deadline fell in the ingest gap").isAfter(gapFrom)
                .isBeforeOrEqualTo(gapTo);
        Instant downAt = events.stream().filter(e -> silent.id().equals(e.key()))
                .filter(e -> e.value().to() == MonitorStatus.DOWN)
                .map(e -> e.value().at()).findFirst().orElseThrow();
        System.out.printf("gateway stopped %s, ingest gap on partition %d %s - %s, run %s, silent monitor down at %s"
                + " (first run after ingest is back + grace: %s)%n", stoppedAt, partition, gapFrom, gapTo, run,
                downAt, CronJobs.nextRun(gapTo).plusSeconds(GRACE_SECONDS));
        Instant shifted = runDeadline.plus(Duration.between(gapFrom, gapTo));
        Instant nextRunDeadline = CronJobs.nextRun(gapTo).plusSeconds(GRACE_SECONDS);
        assertThat(downAt).isEqualTo(shifted.isAfter(nextRunDeadline) ? shifted : nextRunDeadline);
        List<Delivery> notifications = rig.notifications();
        assertThat(notifications).hasSize(1);
        assertThat(notifications.get(0).header("Idempotency-Key")).startsWith(silent.id() + ":");
    }
}

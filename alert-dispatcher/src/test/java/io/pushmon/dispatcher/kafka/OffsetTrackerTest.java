package io.pushmon.dispatcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("alerts", 0);
    private static final TopicPartition P1 = new TopicPartition("alerts", 1);

    @Test
    void nothingIsCommittedWhileTheOldestRecordIsUnfinished() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(P0, 10);
        tracker.started(P0, 11);
        tracker.started(P0, 12);
        tracker.finished(P0, 11);
        tracker.finished(P0, 12);

        assertThat(tracker.committable(P0)).isEqualTo(10);
        assertThat(tracker.toCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(10)));
    }

    @Test
    void theCommitJumpsPastEveryFinishedRecordOnceTheGapCloses() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(P0, 10);
        tracker.started(P0, 11);
        tracker.started(P0, 12);
        tracker.finished(P0, 12);
        tracker.finished(P0, 11);
        tracker.toCommit();

        tracker.finished(P0, 10);

        assertThat(tracker.toCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(13)));
    }

    @Test
    void anOffsetIsOfferedForCommitUntilTheBrokerConfirmsIt() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(P0, 0);
        tracker.finished(P0, 0);

        Map<TopicPartition, OffsetAndMetadata> offered = tracker.toCommit();
        assertThat(offered).containsEntry(P0, new OffsetAndMetadata(1));
        tracker.committed(offered);
        assertThat(tracker.toCommit()).isEmpty();
    }

    @Test
    void aCommitThatFailedOnAQuietPartitionIsOfferedAgain() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(P0, 4);
        tracker.finished(P0, 4);
        tracker.toCommit();

        assertThat(tracker.toCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(5)));
        assertThat(tracker.toCommit(P0::equals)).as("the hand-over commit on revocation includes it too")
                .containsExactly(Map.entry(P0, new OffsetAndMetadata(5)));
    }

    @Test
    void aLateConfirmationOfAnOlderCommitDoesNotMoveTheConfirmedOffsetBack() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(P0, 0);
        tracker.finished(P0, 0);
        Map<TopicPartition, OffsetAndMetadata> older = tracker.toCommit();
        tracker.started(P0, 1);
        tracker.finished(P0, 1);
        tracker.committed(tracker.toCommit());

        tracker.committed(older);

        assertThat(tracker.toCommit()).isEmpty();
    }

    @Test
    void partitionsAreTrackedIndependently() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(P0, 5);
        tracker.started(P1, 7);
        tracker.finished(P1, 7);

        assertThat(tracker.toCommit()).containsEntry(P0, new OffsetAndMetadata(5)).containsEntry(P1,
                new OffsetAndMetadata(8));
        assertThat(tracker.unfinished()).isEqualTo(1);
    }

    @Test
    void aRevokedPartitionIsForgottenAndLateCompletionsAreIgnored() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(P0, 3);
        tracker.forget(P0);
        tracker.finished(P0, 3);

        assertThat(tracker.committable(P0)).isEqualTo(-1);
        assertThat(tracker.toCommit()).isEmpty();
    }

    @Test
    void theCommitCanBeLimitedToSomePartitions() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(P0, 0);
        tracker.started(P1, 0);
        tracker.finished(P0, 0);
        tracker.finished(P1, 0);

        Map<TopicPartition, OffsetAndMetadata> selected = tracker.toCommit(P1::equals);
        assertThat(selected).containsOnlyKeys(P1);
        tracker.committed(selected);
        assertThat(tracker.toCommit()).containsOnlyKeys(P0);
    }
}

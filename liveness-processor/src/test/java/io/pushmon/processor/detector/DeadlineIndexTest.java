package io.pushmon.processor.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The deadline index's own rules, without a topology. */
class DeadlineIndexTest {

    private final DeadlineIndex pending = new DeadlineIndex("deadline-index");

    @Test
    void entriesFireByDeadlineThenById() {
        pending.add(2_000, "a");
        pending.add(1_000, "c");
        pending.add(1_000, "b");

        assertThat(pending.all()).containsExactly(new DeadlineIndex.Entry(1_000, "b"),
                new DeadlineIndex.Entry(1_000, "c"), new DeadlineIndex.Entry(2_000, "a"));
    }

    @Test
    void idsThatShareTheirFirstEightCharactersAreStillTwoEntriesInTheirOrder() {
        pending.add(1_000, "monitor-2");
        pending.add(1_000, "monitor-10");
        pending.add(1_000, "monitor");

        assertThat(pending.all()).extracting(DeadlineIndex.Entry::monitorId)
                .containsExactly("monitor", "monitor-10", "monitor-2");
    }

    @Test
    void removingAnEntryLeavesTheOthersOfItsDeadline() {
        pending.add(1_000, "0f6c1b52-0000-4000-8000-000000000001");
        pending.add(1_000, "0f6c1b52-0000-4000-8000-000000000002");

        pending.remove(1_000, "0f6c1b52-0000-4000-8000-000000000001");

        assertThat(pending.all()).containsExactly(new DeadlineIndex.Entry(1_000,
                "0f6c1b52-0000-4000-8000-000000000002"));
        assertThat(pending.earliest()).isEqualTo(1_000);
    }

    @Test
    void aScanReadsTheDueEntriesAndOnePastTheCutoffWithinTheBudget() {
        for (int i = 0; i < 5; i++) {
            pending.add(1_000 + i, "m" + i);
        }

        DeadlineIndex.Scan upToTheThird = pending.due(1_002, 10);
        DeadlineIndex.Scan budgetOfTwo = pending.due(1_004, 2);

        assertThat(upToTheThird.due()).extracting(DeadlineIndex.Entry::monitorId).containsExactly("m0", "m1", "m2");
        assertThat(upToTheThird.touched()).isEqualTo(4);
        assertThat(budgetOfTwo.due()).extracting(DeadlineIndex.Entry::monitorId).containsExactly("m0", "m1");
    }

    @Test
    void anEmptyIndexHasNoEarliestDeadline() {
        assertThat(pending.earliest()).isEqualTo(Long.MAX_VALUE);
        assertThat(pending.due(Long.MAX_VALUE, 10).due()).isEmpty();
    }

    @Test
    void theEarliestDeadlineFollowsTheFirstEntryAsItIsAddedAndRemoved() {
        pending.add(2_000, "a");
        pending.add(1_000, "b");
        assertThat(pending.earliest()).isEqualTo(1_000);

        pending.remove(1_000, "b");
        assertThat(pending.earliest()).isEqualTo(2_000);

        pending.add(500, "c");
        pending.remove(500, "not-there");
        assertThat(pending.earliest()).isEqualTo(500);

        pending.remove(500, "c");
        pending.remove(2_000, "a");
        assertThat(pending.earliest()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theEarliestDeadlineIsTheFirstEntryAfterAnyMixOfAddsAndRemoves() {
        Random random = new Random(16);
        for (int step = 0; step < 20_000; step++) {
            long deadline = random.nextInt(200);
            String id = "m" + random.nextInt(50);
            if (random.nextBoolean()) {
                pending.add(deadline, id);
            } else {
                pending.remove(deadline, id);
            }
            long first = pending.all().isEmpty() ? Long.MAX_VALUE : pending.all().get(0).deadline();
            assertThat(pending.earliest()).as("after step %d", step).isEqualTo(first);
        }
    }
}

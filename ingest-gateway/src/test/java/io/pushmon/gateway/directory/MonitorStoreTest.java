package io.pushmon.gateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.gateway.push.PushTokens;

class MonitorStoreTest {

    private static final long NOW = 1_800_000_000_000L;

    private final MonitorStore store = new MonitorStore();

    @Test
    void aMonitorIsFoundByIdAndByTokenAsItWasWritten() {
        MonitorDefinition monitor = monitor(UUID.randomUUID().toString(), "t", "n", PushTokens.generate());
        store.put(monitor.id(), monitor);

        assertThat(store.get(monitor.id())).contains(monitor);
        assertThat(store.getByIndex(monitor.pushToken())).contains(monitor);
        assertThat(store.get(UUID.randomUUID().toString())).isEmpty();
        assertThat(store.getByIndex(PushTokens.generate())).isEmpty();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aPushTargetIsTheMonitorsIdItsTenantAndWhetherItIsPaused() {
        String id = UUID.randomUUID().toString();
        String token = PushTokens.generate();
        MonitorDefinition paused = new MonitorDefinition(id, "t", "n", token, 60, 0, true, List.of(), null, null);
        store.put(id, paused);

        assertThat(store.pushTargetByToken(token, NOW)).contains(new PushTarget(id, "t", true));
        assertThat(store.pushTargetByToken(PushTokens.generate(), NOW)).isEmpty();
    }

    @Test
    void aTenantsMonitorsAreCountedWithoutTheOthers() {
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            store.put(id, monitor(id, "counted", "m" + i, PushTokens.generate()));
        }
        String other = UUID.randomUUID().toString();
        store.put(other, monitor(other, "other", "m", PushTokens.generate()));

        assertThat(store.countForTenant("counted")).isEqualTo(3);
        assertThat(store.countForTenant("other")).isEqualTo(1);
        assertThat(store.countForTenant("never-seen")).isZero();
    }

    @Test
    void aRotatedTokenFindsItsMonitorUntilItsTimeIsUp() {
        String id = UUID.randomUUID().toString();
        String old = PushTokens.generate();
        String current = PushTokens.generate();
        MonitorDefinition rotated = new MonitorDefinition(id, "t", "n", old, 60, 0, false, List.of(), null, null)
                .withPushToken(current, new MonitorDefinition.PreviousToken(old, Instant.ofEpochMilli(NOW + 1000)),
                        Instant.ofEpochMilli(NOW));
        store.put(id, rotated);

        assertThat(store.pushTargetByToken(current, NOW)).contains(new PushTarget(id, "t", false));
        assertThat(store.pushTargetByToken(old, NOW + 999)).contains(new PushTarget(id, "t", false));
        assertThat(store.pushTargetByToken(old, NOW + 1000)).isEmpty();
        assertThat(store.get(id)).contains(rotated);
    }

    @Test
    void aPreviousTokenIsGoneWithItsMonitorOrTheNextRotation() {
        String id = UUID.randomUUID().toString();
        String old = PushTokens.generate();
        MonitorDefinition monitor = new MonitorDefinition(id, "t", "n", old, 60, 0, false, List.of(), null, null);
        Instant until = Instant.ofEpochMilli(NOW + 60_000);
        MonitorDefinition rotated = monitor.withPushToken(PushTokens.generate(),
                new MonitorDefinition.PreviousToken(old, until), Instant.ofEpochMilli(NOW));
        store.put(id, rotated);
        store.put(id, rotated.withPushToken(PushTokens.generate(), null, Instant.ofEpochMilli(NOW)));
        assertThat(store.pushTargetByToken(old, NOW)).as("rotated again without overlap").isEmpty();

        store.put(id, rotated);
        store.remove(id);
        assertThat(store.pushTargetByToken(old, NOW)).as("deleted").isEmpty();
    }

    @Test
    void aPushTargetOfADefinitionWithAnotherIdThanItsKeyIsThatId() {
        String token = PushTokens.generate();
        store.put("key-1", new MonitorDefinition("id-1", "t", "n", token, 60, 0, false, List.of(), null, null));

        assertThat(store.pushTargetByToken(token, NOW)).contains(new PushTarget("id-1", "t", false));
    }

    @Test
    void monitorsWithIdsThatAreNotUuidsAreFoundLikeAnyOther() {
        for (String id : List.of("legacy-7", "", "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "ключ")) {
            MonitorDefinition monitor = monitor(id, "t", id, "token-of-" + id);
            store.put(id, monitor);
            assertThat(store.get(id)).contains(monitor);
            assertThat(store.getByIndex("token-of-" + id)).contains(monitor);
        }
        assertThat(store.get("3f2504e0-4f89-11d3-9a0c-0305e82c3301")).as("the lower-case UUID is another id")
                .isEmpty();
        assertThat(store.size()).isEqualTo(4);
    }

    @Test
    void aRotatedTokenStopsFindingTheMonitorAndTheNewOneFindsIt() {
        String id = UUID.randomUUID().toString();
        String oldToken = PushTokens.generate();
        String newToken = PushTokens.generate();
        store.put(id, monitor(id, "t", "n", oldToken));
        store.put(id, monitor(id, "t", "n", newToken));

        assertThat(store.getByIndex(oldToken)).isEmpty();
        assertThat(store.getByIndex(newToken)).map(MonitorDefinition::id).contains(id);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aDeletedMonitorIsGoneByIdAndByToken() {
        String id = UUID.randomUUID().toString();
        String token = PushTokens.generate();
        store.put(id, monitor(id, "t", "n", token));
        store.remove(id);
        store.remove("never-existed");

        assertThat(store.get(id)).isEmpty();
        assertThat(store.getByIndex(token)).isEmpty();
        assertThat(store.size()).isZero();
        assertThat(store.forTenant("t")).isEmpty();
    }

    @Test
    void aMonitorWithoutTokenIsFoundByIdOnly() {
        store.put("m", monitor("m", "t", "n", null));

        assertThat(store.get("m")).map(MonitorDefinition::pushToken).isEmpty();
        assertThat(store.getByIndex("")).isEmpty();
    }

    @Test
    void aTokenTakenOverByAnotherMonitorStaysWithItWhenTheFirstIsDeleted() {
        store.put("a", monitor("a", "t", "n", "shared-token"));
        store.put("b", monitor("b", "t", "n", "shared-token"));
        store.remove("a");

        assertThat(store.getByIndex("shared-token")).map(MonitorDefinition::id).contains("b");
    }

    @Test
    void forTenantReturnsExactlyThatTenantsMonitors() {
        for (int i = 0; i < 1000; i++) {
            String id = UUID.randomUUID().toString();
            store.put(id, monitor(id, "tenant-" + (i % 3), "m" + i, PushTokens.generate()));
        }

        assertThat(store.forTenant("tenant-1")).hasSize(333).allMatch(m -> m.tenantId().equals("tenant-1"));
        assertThat(store.forTenant("tenant-9")).isEmpty();
        assertThat(store.values()).hasSize(1000);
    }

    @Test
    void aReaderNeverMissesAMonitorWhileItsTokenIsRotatedAndTheSetsGrow() throws InterruptedException {
        String id = UUID.randomUUID().toString();
        store.put(id, monitor(id, "t", "n", "token-0"));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger misses = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                if (store.get(id).isEmpty()) {
                    misses.incrementAndGet();
                }
            }
        });
        reader.start();

        for (int i = 1; i <= 50_000; i++) {
            store.put(id, monitor(id, "t", "n", "token-" + i));
            String other = UUID.randomUUID().toString();
            store.put(other, monitor(other, "t", "n", PushTokens.generate()));
        }
        writing.set(false);
        reader.join();

        assertThat(misses).hasValue(0);
        assertThat(store.getByIndex("token-49999")).isEmpty();
        assertThat(store.getByIndex("token-50000")).map(MonitorDefinition::id).contains(id);
    }

    private static MonitorDefinition monitor(String id, String tenant, String name, String token) {
        return new MonitorDefinition(id, tenant, name, token, 60, 0, false, List.of(), Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void aMonitorIsFoundByItsTenantAndTheSlugOfItsNameAndMovesWithARename() {
        String id = UUID.randomUUID().toString();
        store.put(id, monitor(id, "t1", "Nightly Backup (db-1)", PushTokens.generate()));
        String other = UUID.randomUUID().toString();
        store.put(other, monitor(other, "t2", "nightly backup db-1", PushTokens.generate()));

        assertThat(store.pushTargetsBySlug("t1", "nightly-backup-db-1")).containsExactly(new PushTarget(id, "t1", false));
        store.put(id, monitor(id, "t1", "weekly report", PushTokens.generate()));

        assertThat(store.pushTargetsBySlug("t1", "nightly-backup-db-1")).isEmpty();
        assertThat(store.pushTargetsBySlug("t1", "weekly-report")).containsExactly(new PushTarget(id, "t1", false));
        assertThat(store.pushTargetsBySlug("t3", "weekly-report")).as("an unknown tenant").isEmpty();
    }

    @Test
    void monitorsSharingASlugAreAllFoundAndADeletedOneIsNot() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        store.put(first, monitor(first, "t", "Sync", PushTokens.generate()));
        store.put(second, monitor(second, "t", "sync", PushTokens.generate()));

        assertThat(store.pushTargetsBySlug("t", "sync")).extracting(PushTarget::monitorId)
                .containsExactlyInAnyOrder(first, second);
        store.remove(first);
        assertThat(store.pushTargetsBySlug("t", "sync")).extracting(PushTarget::monitorId).containsExactly(second);
    }
}

package io.pushmon.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.rocksdb.Cache;

import io.pushmon.common.model.PushStatus;

/** The detector's RocksDB stores on the real broker stay inside the one memory bound the instance is given. */
class RocksDbMemoryIT {

    /** A bound no other test uses, so what the cache holds is this test's stores' only. */
    private static final long BOUND = 40L << 20;

    @Test
    void theStoresOfAnInstanceChargeOneSharedCacheWithinItsBound() {
        try (BrokerFixture fixture = new BrokerFixture()) {
            fixture.startTicks();
            fixture.startInstance("a", 10_000, s -> s.withRocksDb(RocksDbSettings.streamsDefaults(BOUND)));
            List<String> ids = IntStream.range(0, 50).mapToObj(i -> "rocks-" + UUID.randomUUID()).toList();
            ids.forEach(id -> fixture.define(BrokerFixture.monitor(id, 60)));
            ids.forEach(id -> fixture.push(id, PushStatus.UP));

            Cache cache = RocksDbOptionsSetter.cache(BOUND);
            long until = System.currentTimeMillis() + 30_000;
            while (cache.getUsage() == 0 && System.currentTimeMillis() < until) {
                BrokerFixture.sleep(100);
            }

            System.out.printf("shared RocksDB cache: %d bytes used of %d%n", cache.getUsage(), BOUND);
            assertThat(cache.getUsage()).as("bytes charged by the stores' memtables and blocks").isPositive()
                    .isLessThanOrEqualTo(BOUND);
        }
    }
}

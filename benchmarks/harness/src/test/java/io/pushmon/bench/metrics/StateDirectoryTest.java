package io.pushmon.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {

    @Test
    void filesCountByTheStoreFolderUnderRocksdbAndAllCountInTheTotal(@TempDir Path dir) throws Exception {
        write(dir.resolve("app/0_1/rocksdb/monitor-state/000001.sst"), 100);
        write(dir.resolve("app/0_2/rocksdb/monitor-state/000002.sst"), 50);
        write(dir.resolve("app/0_2/rocksdb/deadline-index/000003.sst"), 20);
        write(dir.resolve("app/0_2/.checkpoint"), 7);

        StateDirectory state = StateDirectory.measure(dir);

        assertThat(state.bytes()).isEqualTo(177);
        assertThat(state.byStore()).containsEntry("monitor-state", 150L).containsEntry("deadline-index", 20L)
                .hasSize(2);
    }

    @Test
    void aMissingDirectoryHoldsNothing(@TempDir Path dir) throws Exception {
        assertThat(StateDirectory.measure(dir.resolve("absent")).bytes()).isZero();
    }

    private static void write(Path file, int bytes) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }
}

package io.pushmon.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class WrkLoadTest {

    @Test
    void wrksCpuTimeIsUserPlusSystemFromBashsTimeOnTheLastLine() {
        assertThat(WrkLoad.cpuMicros(List.of("0.512 1.230"))).isEqualTo(1_742_000);
        assertThat(WrkLoad.cpuMicros(List.of("unable to connect, retrying", "12.000 0.004", ""))).isEqualTo(12_004_000);
    }

    @Test
    void noTimeLineIsAnErrorNotZeroCpu() {
        assertThatThrownBy(() -> WrkLoad.cpuMicros(List.of("Segmentation fault")))
                .hasMessageContaining("no CPU time");
    }

    @Test
    void theWarmUpsOutputGoesNextToTheMeasuredRunsUnderItsOwnName() {
        assertThat(WrkLoad.beside(Path.of("/r/ingest/load-gateway-50.txt"), "-warmup"))
                .isEqualTo(Path.of("/r/ingest/load-gateway-50-warmup.txt"));
        assertThat(WrkLoad.stem(Path.of("/r/ingest/tokens.txt"))).isEqualTo("tokens");
    }

    @Test
    void theVertxGeneratorsEachTokenOnceModeAndUnevenConnectionsAreRefused() throws Exception {
        Path tokens = Path.of("tokens.txt");
        WrkLoad wrk = new WrkLoad("wrk", "wrk 4.1.0");

        assertThatThrownBy(() -> wrk.run(LoadSpec.eachOnce("http://127.0.0.1:1", tokens, 50), Path.of("out.txt")))
                .hasMessageContaining("Vert.x");
        assertThatThrownBy(() -> wrk.run(LoadSpec.timed("http://127.0.0.1:1", tokens, 5,
                Duration.ofSeconds(1), Duration.ofSeconds(1)), Path.of("out.txt")))
                .hasMessageContaining("evenly");
    }
}

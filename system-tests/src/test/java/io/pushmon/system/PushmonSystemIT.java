package io.pushmon.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.PushmonSystem.Component;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The launcher's process control, which fault-injection suites rely on, on the shared system. */
@ExtendWith(SharedPushmonSystem.class)
class PushmonSystemIT {

    @Test
    void aKilledGatewayIsGoneAndOnRestartServesTheSamePortWithItsMonitorsRebuiltFromKafka(PushmonSystem system) {
        PushmonApi api = new PushmonApi(system);
        Monitor monitor = api.createMonitor("survives-gateway-restart", 300, List.of());
        assertThat(api.push(monitor.pushToken(), "msg=before").status()).isEqualTo(200);
        long pid = system.process(Component.GATEWAY).pid();

        system.kill(Component.GATEWAY);

        assertThat(system.process(Component.GATEWAY).isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThatThrownBy(() -> api.push(monitor.pushToken(), "msg=while-down"))
                .isInstanceOf(UncheckedIOException.class);

        system.restart(Component.GATEWAY);

        assertThat(system.process(Component.GATEWAY).pid()).isNotEqualTo(pid);
        assertThat(system.isReady(Component.GATEWAY)).isTrue();
        assertThat(api.push(monitor.pushToken(), "msg=after").status()).isEqualTo(200);
        assertThat(api.monitor(monitor.id()).body().path("name").asText()).isEqualTo("survives-gateway-restart");
    }
}

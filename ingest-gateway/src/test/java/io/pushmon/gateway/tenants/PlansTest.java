package io.pushmon.gateway.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.TenantDefinition;
import io.pushmon.gateway.GatewayConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class PlansTest {

    private static Plans plans(Map<String, String> properties) {
        // Quarkus' own converter: the defaults are written as Quarkus reads durations ("7d", "1s").
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return new Plans(config.getConfigMapping(GatewayConfig.class));
    }

    private static TenantDefinition tenantOn(String plan) {
        return new TenantDefinition("t", "t", List.of(), Instant.EPOCH, null, plan, false);
    }

    @Test
    void aPlanTakesTheDefaultOfEveryLimitItLeavesOut() {
        Plans plans = plans(Map.of("pushmon.plans.unlimited.max-monitors", "5", "pushmon.plans.free.max-channels", "2"));

        Plans.Plan free = plans.named("free").orElseThrow();
        assertThat(free.maxChannels()).isEqualTo(2);
        assertThat(free.maxMonitors()).isEqualTo(20);
        assertThat(free.monitorPushesPerMinute()).isEqualTo(60);
        assertThat(free.tenantPushesPerSecond()).isEqualTo(20);
        assertThat(free.historyRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(free.bodyLimit()).isEqualTo(10_000);
    }

    @Test
    void aTenantWithoutAPlanOrWithARemovedOneHasTheDefaultPlan() {
        Plans plans = plans(Map.of("pushmon.plans.unlimited.max-monitors", "5", "pushmon.plans.free.max-monitors", "3",
                "pushmon.plans.team.max-monitors", "50"));

        assertThat(plans.of(tenantOn(null)).name()).isEqualTo("unlimited");
        assertThat(plans.of(tenantOn("gone")).name()).isEqualTo("unlimited");
        assertThat(plans.of(tenantOn("team")).maxMonitors()).isEqualTo(50);
        assertThat(plans.newTenantPlan().name()).isEqualTo("free");
    }

    @Test
    void aDefaultPlanThatNoPlanDefinesStopsTheStart() {
        assertThatThrownBy(() -> plans(Map.of("pushmon.plans.free.max-monitors", "3")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pushmon.tenancy.default-plan names plan 'unlimited'");
    }

    @Test
    void aRateBelowOneStopsTheStart() {
        assertThatThrownBy(() -> plans(Map.of("pushmon.plans.unlimited.max-monitors", "5",
                "pushmon.plans.free.tenant-pushes-per-second", "0")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("plan 'free'");
    }
}

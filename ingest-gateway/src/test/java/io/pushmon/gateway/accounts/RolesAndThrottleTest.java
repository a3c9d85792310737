package io.pushmon.gateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.Role;
import io.pushmon.gateway.accounts.AccountThrottle.Kind;
import io.pushmon.gateway.push.ClientAddressResolver;

class RolesAndThrottleTest {

    @Test
    void eachRoleMayDoWhatTheRolesBelowItMay() {
        assertThat(Role.OWNER.atLeast(Role.ADMIN)).isTrue();
        assertThat(Role.ADMIN.atLeast(Role.ADMIN)).isTrue();
        assertThat(Role.ADMIN.atLeast(Role.OWNER)).isFalse();
        assertThat(Role.MEMBER.atLeast(Role.ADMIN)).isFalse();
        assertThat(Role.MEMBER.atLeast(Role.READ_ONLY)).isTrue();
        assertThat(Role.READ_ONLY.atLeast(Role.MEMBER)).isFalse();
    }

    @Test
    void rolesAreReadInAnyCaseAndWrittenWithADash() {
        assertThat(Roles.parse("read-only")).isEqualTo(Role.READ_ONLY);
        assertThat(Roles.parse("READ_ONLY")).isEqualTo(Role.READ_ONLY);
        assertThat(Roles.parse("Admin")).isEqualTo(Role.ADMIN);
        assertThat(Roles.name(Role.READ_ONLY)).isEqualTo("read-only");
        assertThatThrownBy(() -> Roles.parse("root")).hasMessage("role must be one of owner, admin, member, read-only");
    }

    @Test
    void anEmailAddressGetsItsAllowanceThenARetryAfter() {
        AccountThrottle throttle = new AccountThrottle(new ClientAddressResolver(List.of()), 3, 100,
                Duration.ofMinutes(15));
        for (int i = 0; i < 3; i++) {
            throttle.attempt(Kind.SIGN_IN, "Ann@example.org", "10.0.0." + i);
        }

        assertThatThrownBy(() -> throttle.attempt(Kind.SIGN_IN, "ann@example.org", "10.0.0.9"))
                .isInstanceOfSatisfying(Throttled.class, e -> assertThat(e.retryAfterSeconds()).isBetween(1L, 301L));
        throttle.attempt(Kind.SIGN_IN, "bob@example.org", "10.0.0.9");
        throttle.attempt(Kind.RESET, "ann@example.org", "10.0.0.9");
    }

    @Test
    void aClientAddressGetsItsAllowanceAcrossEmailAddresses() {
        AccountThrottle throttle = new AccountThrottle(new ClientAddressResolver(List.of()), 100, 2,
                Duration.ofMinutes(15));
        throttle.attempt(Kind.SIGN_IN, "a@example.org", "10.0.0.1");
        throttle.attempt(Kind.SIGN_IN, "b@example.org", "10.0.0.1");

        assertThatThrownBy(() -> throttle.attempt(Kind.SIGN_IN, "c@example.org", "10.0.0.1"))
                .isInstanceOf(Throttled.class);
        throttle.attempt(Kind.SIGN_IN, "c@example.org", "10.0.0.2");
    }
}

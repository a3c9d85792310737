package io.pushmon.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthPagesTest {

    @Test
    void afterSignInOnlyPathsOfThisSiteAreFollowed() {
        assertThat(AuthPages.safeNext("/app/monitors/m-1")).isEqualTo("/app/monitors/m-1");
        assertThat(AuthPages.safeNext("https://evil.example/")).isEqualTo("/app");
        assertThat(AuthPages.safeNext("//evil.example/")).isEqualTo("/app");
        assertThat(AuthPages.safeNext("/\\evil.example/")).isEqualTo("/app");
        assertThat(AuthPages.safeNext(null)).isEqualTo("/app");
    }
}

package io.pushmon.gateway.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    private final ClientAddressResolver behindProxies = new ClientAddressResolver(List.of("10.0.0.0/8", "fd00::/8"));

    @Test
    void withoutTrustedProxiesForwardedForIsIgnored() {
        assertThat(new ClientAddressResolver(List.of()).resolve("10.1.2.3", List.of("198.51.100.7")))
                .isEqualTo("10.1.2.3");
    }

    @Test
    void anUntrustedPeerCannotClaimAnotherAddress() {
        assertThat(behindProxies.resolve("198.51.100.7", List.of("1.2.3.4"))).isEqualTo("198.51.100.7");
    }

    @Test
    void theAddressATrustedProxyAppendedIsTheClient() {
        assertThat(behindProxies.resolve("10.0.0.5", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void addressesAreReadFromTheRightSoAClientCannotPrependAFakeOne() {
        assertThat(behindProxies.resolve("10.0.0.5", List.of("6.6.6.6, 203.0.113.9, 10.0.0.9")))
                .isEqualTo("203.0.113.9");
        assertThat(behindProxies.resolve("10.0.0.5", List.of("6.6.6.6", "203.0.113.9")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void garbageInTheHeaderStopsTheWalkAtTheLastTrustedHop() {
        assertThat(behindProxies.resolve("10.0.0.5", List.of("evil.example.com"))).isEqualTo("10.0.0.5");
    }

    @Test
    void portsBracketsAndIpv6AreUnderstood() {
        assertThat(behindProxies.resolve("fd12::1", List.of("[2001:db8::7]:4711"))).isEqualTo("2001:db8::7");
        assertThat(behindProxies.resolve("10.0.0.5", List.of("203.0.113.9:5555"))).isEqualTo("203.0.113.9");
        assertThat(behindProxies.resolve("::ffff:10.0.0.5", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void rangesMatchOnTheirPrefixOnly() {
        ClientAddressResolver narrow = new ClientAddressResolver(List.of("192.168.1.128/25", "127.0.0.1"));

        assertThat(narrow.resolve("192.168.1.200", List.of("1.1.1.1"))).isEqualTo("1.1.1.1");
        assertThat(narrow.resolve("192.168.1.100", List.of("1.1.1.1"))).isEqualTo("192.168.1.100");
        assertThat(narrow.resolve("127.0.0.1", List.of("1.1.1.1"))).isEqualTo("1.1.1.1");
        assertThat(narrow.resolve("127.0.0.2", List.of("1.1.1.1"))).isEqualTo("127.0.0.2");
    }

    @Test
    void aBadRangeIsAConfigurationError() {
        assertThatThrownBy(() -> new ClientAddressResolver(List.of("10.0.0.0/33")))
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> new ClientAddressResolver(List.of("proxy.internal")))
                .hasMessageContaining("proxy.internal");
    }
}

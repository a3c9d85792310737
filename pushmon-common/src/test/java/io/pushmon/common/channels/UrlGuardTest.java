package io.pushmon.common.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

class UrlGuardTest {

    private final UrlGuard strict = new UrlGuard(false, false);

    @Test
    void loopbackPrivateAndMetadataAddressesAreRefusedByDefault() {
        for (String url : new String[] {"http://127.0.0.1/hook", "http://10.0.0.1/hook", "http://169.254.169.254/latest",
                "http://172.16.5.4/", "http://192.168.1.1/", "http://100.64.0.1/", "http://0.0.0.0:8080/",
                "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/",
                "http://[64:ff9b::a9fe:a9fe]/", "http://224.0.0.1/", "http://255.255.255.255/"}) {
            assertThatThrownBy(() -> strict.check(URI.create(url)), url).isInstanceOf(RefusedTargetException.class)
                    .hasMessageContaining("pushmon does not call internal networks");
        }
    }

    @Test
    void aHostnameThatResolvesToLoopbackIsRefused() {
        assertThatThrownBy(() -> strict.check(URI.create("http://localhost:9/hook")))
                .isInstanceOf(RefusedTargetException.class)
                .hasMessage("localhost resolves to a loopback address; pushmon does not call internal networks");
    }

    @Test
    void oneInternalAddressAmongPublicOnesIsEnoughToRefuse() throws Exception {
        InetAddress[] answer = {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.1.2.3")};
        UrlGuard guard = new UrlGuard(false, false, host -> answer);
        assertThatThrownBy(() -> guard.check(URI.create("https://rebind.example/hook")))
                .isInstanceOf(RefusedTargetException.class)
                .hasMessage("rebind.example resolves to a private address; pushmon does not call internal networks");
    }

    @Test
    void publicAddressesPassAndAreReturnedForTheConnection() throws Exception {
        InetAddress[] answer = {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("2606:2800:21f:cb07::1")};
        UrlGuard guard = new UrlGuard(false, false, host -> answer);
        assertThat(guard.check(URI.create("https://example.org/hook"))).containsExactly(answer);
    }

    @Test
    void configurationCanAllowLoopbackAndPrivateButNeverMetadata() throws Exception {
        UrlGuard local = new UrlGuard(true, false);
        assertThat(local.check(URI.create("http://localhost:8089/x"))).isNotEmpty()
                .allSatisfy(a -> assertThat(a.isLoopbackAddress()).isTrue());
        assertThatThrownBy(() -> local.check(URI.create("http://10.0.0.1/"))).isInstanceOf(RefusedTargetException.class);

        UrlGuard onPrem = new UrlGuard(true, true);
        assertThat(onPrem.check(URI.create("http://10.0.0.1/"))).hasSize(1);
        assertThatThrownBy(() -> onPrem.check(URI.create("http://169.254.169.254/")))
                .isInstanceOf(RefusedTargetException.class).hasMessageContaining("link-local");
    }

    @Test
    void schemesOtherThanHttpAndUserInfoAreRefused() {
        assertThatThrownBy(() -> strict.check(URI.create("file:///etc/passwd")))
                .isInstanceOf(RefusedTargetException.class).hasMessage("only http and https URLs are allowed");
        assertThatThrownBy(() -> strict.check(URI.create("gopher://example.org/")))
                .isInstanceOf(RefusedTargetException.class);
        assertThatThrownBy(() -> strict.check(URI.create("https://user:pw@example.org/")))
                .isInstanceOf(RefusedTargetException.class).hasMessageNotContaining("pw");
    }

    @Test
    void aHostThatDoesNotResolveIsReportedAsUnknownNotRefused() {
        UrlGuard guard = new UrlGuard(false, false, host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> guard.check(URI.create("https://nxdomain.example/")))
                .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void addressClassesFollowTheRegistries() throws Exception {
        assertThat(UrlGuard.classify(InetAddress.getByName("172.31.255.255"))).isEqualTo(AddressClass.PRIVATE);
        assertThat(UrlGuard.classify(InetAddress.getByName("172.32.0.1"))).isEqualTo(AddressClass.PUBLIC);
        assertThat(UrlGuard.classify(InetAddress.getByName("100.127.255.255"))).isEqualTo(AddressClass.PRIVATE);
        assertThat(UrlGuard.classify(InetAddress.getByName("100.128.0.1"))).isEqualTo(AddressClass.PUBLIC);
        assertThat(UrlGuard.classify(InetAddress.getByName("::"))).isEqualTo(AddressClass.UNSPECIFIED);
        assertThat(UrlGuard.classify(InetAddress.getByName("fec0::1"))).isEqualTo(AddressClass.PRIVATE);
        assertThat(UrlGuard.classify(InetAddress.getByName("ff02::1"))).isEqualTo(AddressClass.MULTICAST);
        assertThat(UrlGuard.classify(InetAddress.getByName("2002:7f00:1::"))).isEqualTo(AddressClass.LOOPBACK);
        assertThat(UrlGuard.classify(InetAddress.getByName("8.8.8.8"))).isEqualTo(AddressClass.PUBLIC);
    }
}

package io.pushmon.gateway.push;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.util.NetUtil;
import io.pushmon.gateway.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * Finds the client's address behind trusted proxies. X-Forwarded-For is read from the right: each trusted
 * hop vouches only for the address it appended, so the walk stops at the first address that is not a
 * trusted proxy. Reading from the left would let any client choose the address that gets recorded.
 *
 * <p>Addresses are parsed as literals only: a header value never causes a DNS lookup.
 */
public final class ClientAddressResolver {

    /** The header each proxy appends the address it saw to. */
    public static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<Cidr> trusted;

    /** @param trustedProxies addresses ({@code 10.0.0.5}) or ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) */
    public ClientAddressResolver(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
    }

    /** The resolver of {@code pushmon.push.trusted-proxies}: pushes, the audit log and the sign-in throttle share it. */
    public static ClientAddressResolver of(GatewayConfig.Push push) {
        return new ClientAddressResolver(push.trustedProxies().orElse(List.of()));
    }

    /** The client address of a request, from its TCP peer and X-Forwarded-For headers; null without a peer. */
    public String resolve(HttpServerRequest http) {
        String peer = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return resolve(peer, http.headers().getAll(FORWARDED_FOR));
    }

    /**
     * @param peer           the address of the TCP peer
     * @param forwardedFor   every X-Forwarded-For header of the request, in order (may be empty)
     */
    public String resolve(String peer, List<String> forwardedFor) {
        if (trusted.isEmpty() || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(hops::add);
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
            String hop = withoutPort(hops.get(i));
            if (NetUtil.createByteArrayFromIpAddressString(hop) == null) {
                break;
            }
            client = hop;
        }
        return client;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = address == null ? null : NetUtil.createByteArrayFromIpAddressString(withoutPort(address));
        return bytes != null && trusted.stream().anyMatch(range -> range.contains(bytes));
    }

    /** Strips {@code [v6]:port}, {@code [v6]} and {@code v4:port} down to the address. */
    static String withoutPort(String address) {
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end < 0 ? address : address.substring(1, end);
        }
        int colon = address.indexOf(':');
        if (colon > 0 && colon == address.lastIndexOf(':')) {
            return address.substring(0, colon);
        }
        return address;
    }

    /** An address range; IPv4-mapped IPv6 addresses match their IPv4 ranges. */
    record Cidr(byte[] network, int prefixBits) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            byte[] bytes = normalize(NetUtil.createByteArrayFromIpAddressString(address));
            if (bytes == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + text);
            }
            int bits = bytes.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Bad prefix length in " + text);
                }
                if (address.contains(":") && bytes.length == 4) {
                    bits -= 96;
                }
                if (bits < 0 || bits > bytes.length * 8) {
                    throw new IllegalArgumentException("Prefix length out of range in " + text);
                }
            }
            return new Cidr(bytes, bits);
        }

        boolean contains(byte[] candidate) {
            byte[] address = normalize(candidate);
            if (address == null || address.length != network.length) {
                return false;
            }
            int fullBytes = prefixBits / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }

        private static byte[] normalize(byte[] bytes) {
            if (bytes != null && bytes.length == 16 && isV4Mapped(bytes)) {
                return Arrays.copyOfRange(bytes, 12, 16);
            }
            return bytes;
        }

        private static boolean isV4Mapped(byte[] bytes) {
            for (int i = 0; i < 10; i++) {
                if (bytes[i] != 0) {
                    return false;
                }
            }
            return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
        }
    }
}

package io.pushmon.common.channels;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Refuses URLs a tenant could use to make pushmon call into its own network (server-side request forgery):
 * anything but http(s), and hosts that resolve to loopback, private, link-local, unspecified, multicast or
 * reserved addresses. Loopback and private targets can be allowed by configuration (local runs, on-premises
 * receivers); link-local (cloud metadata), unspecified, multicast and reserved addresses never are, since no
 * receiver legitimately lives there.
 *
 * <p>The check resolves the host and looks at every address: a name that returns one public and one private
 * address is refused, since the connection may go to either. Callers must connect to one of the returned
 * addresses rather than resolving the host again, or a DNS answer that changes between check and connect
 * (rebinding) would slip through. {@link #check} blocks on DNS: call it off the event loop.
 */
public final class UrlGuard {

    /** Resolves a host name to all its addresses; {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLoopback;
    private final boolean allowPrivate;
    private final Resolver resolver;

    public UrlGuard(boolean allowLoopback, boolean allowPrivate) {
        this(allowLoopback, allowPrivate, InetAddress::getAllByName);
    }

    public UrlGuard(boolean allowLoopback, boolean allowPrivate, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /**
     * The addresses the URL's host resolves to, all of them allowed.
     *
     * @throws RefusedTargetException when the URL or any of its addresses is not allowed
     * @throws UnknownHostException   when the host does not resolve (which may be temporary)
     */
    public List<InetAddress> check(URI url) throws RefusedTargetException, UnknownHostException {
        return check(url, resolver);
    }

    /**
     * The same check with the host's addresses taken from {@code addresses} rather than this guard's resolver:
     * for a caller that keeps earlier answers, which are judged again on every use.
     */
    public List<InetAddress> check(URI url, Resolver addresses) throws RefusedTargetException, UnknownHostException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTargetException("only http and https URLs are allowed");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new RefusedTargetException("the URL has no host");
        }
        if (url.getRawUserInfo() != null) {
            throw new RefusedTargetException("URLs with user:password@ are not supported");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> resolved = Arrays.asList(addresses.resolve(bare));
        if (resolved.isEmpty()) {
            throw new UnknownHostException(bare);
        }
        for (InetAddress address : resolved) {
            AddressClass kind = classify(address);
            if (!allowed(kind)) {
                throw new RefusedTargetException(host + " resolves to " + kind.description()
                        + "; pushmon does not call internal networks");
            }
        }
        return resolved;
    }

    /** Whether an address of this class may be called under this guard's configuration. */
    public boolean allowed(AddressClass kind) {
        return switch (kind) {
            case PUBLIC -> true;
            case LOOPBACK -> allowLoopback;
            case PRIVATE -> allowPrivate;
            case LINK_LOCAL, UNSPECIFIED, MULTICAST, RESERVED -> false;
        };
    }

    /** Where an address points. IPv4 addresses embedded in IPv6 (compatible, NAT64, 6to4) are judged as IPv4. */
    public static AddressClass classify(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return classifyV4(b);
        }
        if (address instanceof Inet6Address) {
            return classifyV6(b);
        }
        return AddressClass.RESERVED;
    }

    private static AddressClass classifyV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return AddressClass.UNSPECIFIED;
        }
        if (first == 127) {
            return AddressClass.LOOPBACK;
        }
        if (first == 10 || (first == 172 && (second & 0xf0) == 16) || (first == 192 && second == 168)
                || (first == 100 && (second & 0xc0) == 64)) {
            return AddressClass.PRIVATE;
        }
        if (first == 169 && second == 254) {
            return AddressClass.LINK_LOCAL;
        }
        if ((first & 0xf0) == 224) {
            return AddressClass.MULTICAST;
        }
        if ((first & 0xf0) == 240) {
            return AddressClass.RESERVED;
        }
        return AddressClass.PUBLIC;
    }

    private static AddressClass classifyV6(byte[] b) {
        if (allZero(b, 0, 16)) {
            return AddressClass.UNSPECIFIED;
        }
        if (allZero(b, 0, 15) && b[15] == 1) {
            return AddressClass.LOOPBACK;
        }
        if (allZero(b, 0, 12)) {
            return classifyV4(Arrays.copyOfRange(b, 12, 16));
        }
        if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            return classifyV4(Arrays.copyOfRange(b, 12, 16));
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return classifyV4(Arrays.copyOfRange(b, 2, 6));
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if ((first & 0xfe) == 0xfc || (first == 0xfe && (second & 0xc0) == 0xc0)) {
            return AddressClass.PRIVATE;
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return AddressClass.LINK_LOCAL;
        }
        if (first == 0xff) {
            return AddressClass.MULTICAST;
        }
        return AddressClass.PUBLIC;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}

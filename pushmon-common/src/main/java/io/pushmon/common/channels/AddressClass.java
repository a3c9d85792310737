package io.pushmon.common.channels;

/** Where an IP address points, as far as server-side request forgery is concerned. */
public enum AddressClass {
    PUBLIC("a public address"),
    /** 127.0.0.0/8, ::1. */
    LOOPBACK("a loopback address"),
    /** 10/8, 172.16/12, 192.168/16, CGNAT 100.64/10, fc00::/7 and the deprecated fec0::/10. */
    PRIVATE("a private address"),
    /** 169.254/16 (cloud metadata lives at 169.254.169.254), fe80::/10. */
    LINK_LOCAL("a link-local address"),
    /** 0.0.0.0/8 and ::, which Linux treats as "this host". */
    UNSPECIFIED("an unspecified address"),
    /** 224/4, ff00::/8. */
    MULTICAST("a multicast address"),
    /** 240/4 including the broadcast address. */
    RESERVED("a reserved address");

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    /** For error messages: "resolves to a private address". */
    public String description() {
        return description;
    }
}

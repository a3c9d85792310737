package io.pushmon.common.model;

/**
 * What a member may do in a tenant, from most to least: each role may do everything the roles after it may.
 * API keys map onto the same scale (read-write as {@link #ADMIN}, read-only as {@link #READ_ONLY}).
 */
public enum Role {
    /** Everything, including granting and removing {@code OWNER}. */
    OWNER,
    /** Also API keys, the ping key, members and invitations, but not the {@code OWNER} role. */
    ADMIN,
    /** Reads, and writes monitors and channels. */
    MEMBER,
    /** Reads only. */
    READ_ONLY;

    /** True if this role may do what {@code required} may. */
    public boolean atLeast(Role required) {
        return ordinal() <= required.ordinal();
    }
}

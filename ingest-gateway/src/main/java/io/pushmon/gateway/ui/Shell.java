package io.pushmon.gateway.ui;

import java.util.List;

/**
 * What the frame of every signed-in page shows: who is signed in, the tenant the page acts in and the others they
 * can switch to, and what their role lets them do (the page hides controls the API would refuse anyway).
 *
 * @param page      which navigation entry is current: overview, channels, keys, members, settings
 * @param title     the page's title
 */
public record Shell(String page, String title, String email, String tenantId, String tenantName, String role,
        boolean canWrite, boolean isAdmin, boolean suspended, List<TenantChoice> tenants) {

    /** A tenant the user belongs to, for the switcher. */
    public record TenantChoice(String id, String name, boolean current) {
    }

    public boolean current(String entry) {
        return page.equals(entry);
    }
}

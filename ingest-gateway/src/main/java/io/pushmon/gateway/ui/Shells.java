package io.pushmon.gateway.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.pushmon.common.model.Role;
import io.pushmon.common.model.TenantDefinition;
import io.pushmon.gateway.accounts.Roles;
import io.pushmon.gateway.directory.TenantDirectory;

/** Builds the {@link Shell} of a signed-in page. */
@RequestScoped
public class Shells {

    @Inject
    SignedInUser signedIn;

    @Inject
    TenantDirectory tenants;

    public Shell of(String page, String title) {
        var user = signedIn.get();
        var choices = user.user().memberships().stream()
                .map(m -> new Shell.TenantChoice(m.tenantId(), name(m.tenantId()), m.tenantId().equals(user.tenantId())))
                .toList();
        boolean suspended = tenants.find(user.tenantId()).map(TenantDefinition::suspended).orElse(false);
        return new Shell(page, title, user.user().email(), user.tenantId(), name(user.tenantId()),
                Roles.name(user.role()), user.role().atLeast(Role.MEMBER) && !suspended,
                user.role().atLeast(Role.ADMIN) && !suspended, suspended, choices);
    }

    private String name(String tenantId) {
        return tenants.find(tenantId).map(TenantDefinition::name).orElse(tenantId);
    }
}

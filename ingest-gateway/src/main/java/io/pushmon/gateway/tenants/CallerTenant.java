package io.pushmon.gateway.tenants;

import jakarta.enterprise.context.RequestScoped;

import io.pushmon.common.model.Role;

/**
 * Who is calling the management API: the tenant the request acts in, and the API key or signed-in user it came
 * with, with its role there. Set by {@link ApiKeyFilter} before any resource under {@code /api} runs; every
 * tenant-scoped read and write goes through {@link #tenantId()}.
 */
@RequestScoped
public class CallerTenant {

    private String tenantId;
    private String keyId;
    private String userId;
    private Role role;

    /** A read-write key acts as {@link Role#ADMIN}, a read-only one as {@link Role#READ_ONLY}. */
    void authenticate(String tenantId, String keyId, boolean readOnly) {
        this.tenantId = tenantId;
        this.keyId = keyId;
        this.role = readOnly ? Role.READ_ONLY : Role.ADMIN;
    }

    /** A signed-in user acting in one of their tenants with their role there. */
    public void authenticateUser(String tenantId, String userId, Role role) {
        this.tenantId = tenantId;
        this.userId = userId;
        this.role = role;
    }

    public String tenantId() {
        return require(tenantId);
    }

    /** Id of the API key used, never the key itself; null for a signed-in user. */
    public String keyId() {
        require(tenantId);
        return keyId;
    }

    /** Id of the signed-in user; null for an API key. */
    public String userId() {
        require(tenantId);
        return userId;
    }

    public Role role() {
        require(tenantId);
        return role;
    }

    /** The caller as an audit record names it, {@code user:<id>} or {@code key:<id>}: never a secret. */
    public String actor() {
        require(tenantId);
        return userId != null ? "user:" + userId : "key:" + keyId;
    }

    /** True once the request's credential resolved to a tenant. */
    public boolean authenticated() {
        return tenantId != null;
    }

    public boolean readOnly() {
        return role() == Role.READ_ONLY;
    }

    private static String require(String value) {
        if (value == null) {
            throw new IllegalStateException("No authenticated caller on this request");
        }
        return value;
    }
}

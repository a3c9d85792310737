package io.pushmon.gateway.tenants;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling the management API: the tenant and the key the request's bearer token resolved to. Set by
 * {@link ApiKeyFilter} before any resource under {@code /api} runs; every tenant-scoped read and write goes
 * through {@link #tenantId()}.
 */
@RequestScoped
public class CallerTenant {

    private String tenantId;
    private String keyId;
    private boolean readOnly;

    void authenticate(String tenantId, String keyId, boolean readOnly) {
        this.tenantId = tenantId;
        this.keyId = keyId;
        this.readOnly = readOnly;
    }

    public String tenantId() {
        return require(tenantId);
    }

    /** Id of the API key used, never the key itself. */
    public String keyId() {
        return require(keyId);
    }

    /** True once the request's credential resolved to a tenant. */
    public boolean authenticated() {
        return tenantId != null;
    }

    /** Who is calling, as the audit log names it: never a secret. */
    public String actor() {
        return "key:" + require(keyId);
    }

    public boolean readOnly() {
        require(tenantId);
        return readOnly;
    }

    private static String require(String value) {
        if (value == null) {
            throw new IllegalStateException("No authenticated caller on this request");
        }
        return value;
    }
}

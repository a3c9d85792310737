package io.pushmon.gateway.tenants;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.common.model.TenantDefinition;
import io.pushmon.common.model.TenantDefinition.ApiKey;
import io.pushmon.gateway.badges.BadgeKeys;
import io.pushmon.gateway.directory.TenantDirectory;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.push.PingKeys;

/**
 * Tenants and their API keys. A tenant is one record holding all its keys, so every change is a
 * read-modify-write of that record; this gateway serialises them (concurrent changes through two gateways
 * can still lose one: key management is rare and done by one operator at a time).
 */
@ApplicationScoped
public class TenantService {

    /** Id of the key that PUSHMON_API_KEY manages: replaced when the variable changes, not deletable by API. */
    public static final String CONFIGURED_KEY_ID = "configured";

    private final TenantDirectory directory;
    private final Plans plans;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public TenantService(TenantDirectory directory, Plans plans) {
        this.directory = directory;
        this.plans = plans;
    }

    /**
     * Makes sure the tenant exists and holds {@code key} under {@code keyId}, replacing what that id held.
     * Writes nothing when it already does, so it is safe at every start of every gateway.
     *
     * @return true if something was written
     */
    public synchronized boolean ensureTenantKey(String tenantId, String keyId, String key, boolean readOnly) {
        String hash = ApiKeys.sha256(key);
        TenantDefinition current = directory.find(tenantId).orElse(null);
        if (current != null && current.apiKeys().stream()
                .anyMatch(k -> k.id().equals(keyId) && k.sha256().equals(hash) && k.readOnly() == readOnly)) {
            return false;
        }
        Instant now = now();
        List<ApiKey> keys = new ArrayList<>();
        if (current != null) {
            current.apiKeys().stream().filter(k -> !k.id().equals(keyId)).forEach(keys::add);
        }
        keys.add(new ApiKey(keyId, hash, readOnly, now));
        write(current == null ? new TenantDefinition(tenantId, tenantId, keys, now)
                : current.withApiKeys(keys));
        return true;
    }

    /**
     * A new tenant on the new-tenant plan with a generated id, the given name and no keys (sign-up makes one for
     * each new account; its owner signs in instead).
     */
    public synchronized TenantDefinition createTenant(String name) {
        return insert(null, name, null, List.of());
    }

    /** Adds a new key to the caller's tenant; the key itself is in the result and nowhere else. */
    public synchronized NewApiKey createKey(String tenantId, boolean readOnly) {
        TenantDefinition tenant = requireTenant(tenantId);
        String key = ApiKeys.generateKey();
        ApiKey stored = new ApiKey(ApiKeys.generateId(), ApiKeys.sha256(key), readOnly, now());
        List<ApiKey> keys = new ArrayList<>(tenant.apiKeys());
        keys.add(stored);
        write(tenant.withApiKeys(keys));
        return new NewApiKey(stored.id(), key, readOnly, stored.createdAt());
    }

    public List<ApiKey> keys(String tenantId) {
        return requireTenant(tenantId).apiKeys();
    }

    /** Revokes a key at once; the configured key is managed by the environment and cannot be revoked here. */
    public synchronized void deleteKey(String tenantId, String keyId) {
        TenantDefinition tenant = requireTenant(tenantId);
        if (tenant.apiKeys().stream().noneMatch(k -> k.id().equals(keyId))) {
            throw ApiException.notFound("no API key with this id");
        }
        if (CONFIGURED_KEY_ID.equals(keyId)) {
            throw ApiException.conflict("this key comes from PUSHMON_API_KEY; change the variable to replace it");
        }
        List<ApiKey> keys = tenant.apiKeys().stream().filter(k -> !k.id().equals(keyId)).toList();
        write(tenant.withApiKeys(keys));
    }

    /**
     * A new tenant, with one read-write API key so its owner can start.
     *
     * @param id   the id to give it, or null for a generated one
     * @param plan a configured plan's name, or null for the new-tenant plan
     * @throws ApiException 409 when the id is taken
     */
    public synchronized CreatedTenant createTenant(String id, String name, String plan) {
        String key = ApiKeys.generateKey();
        Instant now = now();
        ApiKey stored = new ApiKey(ApiKeys.generateId(), ApiKeys.sha256(key), false, now);
        TenantDefinition tenant = insert(id, name, plan, List.of(stored));
        return new CreatedTenant(tenant, new NewApiKey(stored.id(), key, false, now));
    }

    private TenantDefinition insert(String id, String name, String plan, List<ApiKey> keys) {
        String tenantId = id == null ? "t_" + ApiKeys.randomId() : id;
        if (directory.find(tenantId).isPresent()) {
            throw ApiException.conflict("a tenant with this id exists");
        }
        TenantDefinition tenant = new TenantDefinition(tenantId, name, keys, now(), null,
                plan == null ? plans.newTenantPlan().name() : plan, false);
        return write(tenant);
    }

    /** A tenant just made and the key that is shown this once. */
    public record CreatedTenant(TenantDefinition tenant, NewApiKey apiKey) {
    }

    public List<TenantDefinition> tenants() {
        return directory.all();
    }

    public TenantDefinition tenant(String tenantId) {
        return requireTenant(tenantId);
    }

    public synchronized TenantDefinition assignPlan(String tenantId, String plan) {
        TenantDefinition tenant = requireTenant(tenantId);
        return write(tenant.withPlan(plan));
    }

    public synchronized TenantDefinition setSuspended(String tenantId, boolean suspended) {
        TenantDefinition tenant = requireTenant(tenantId);
        return tenant.suspended() == suspended ? tenant : write(tenant.withSuspended(suspended));
    }

    /** Writes the tenant's tombstone: its keys and ping key stop working at once. */
    public synchronized void deleteTenant(String tenantId) {
        requireTenant(tenantId);
        directory.write(tenantId, null);
    }

    /** The tenant's ping key, if it has made one. */
    public Optional<String> pingKey(String tenantId) {
        return Optional.ofNullable(requireTenant(tenantId).pingKey());
    }

    /**
     * Makes the tenant's ping key, or a new one in its place: slug URLs with the old key answer 404 at once.
     *
     * @param kept a key to keep instead of a generated one (a Healthchecks project's, so its slug URLs move with
     *             only the host changed), or null
     * @throws ApiException 400 for a key of the wrong shape, 409 for one another tenant has
     */
    public synchronized String rotatePingKey(String tenantId, String kept) {
        TenantDefinition tenant = requireTenant(tenantId);
        String key = kept == null ? PingKeys.generate() : kept;
        if (!PingKeys.hasShape(key)) {
            throw ApiException.badRequest("pingKey must be " + PingKeys.LENGTH
                    + " characters of A-Z, a-z, 0-9, '-' and '_'");
        }
        if (directory.findByPingKey(key).filter(other -> !other.id().equals(tenantId)).isPresent()) {
            throw ApiException.conflict("this ping key is already in use");
        }
        write(tenant.withPingKey(key));
        return key;
    }

    /**
     * The tenant's badge key, made on first use: a tenant that never asks for badges has no public URL at all.
     * Serialised within this gateway; two gateways making the first key at once can each hand out one, and the
     * record written last wins (the README lists it under known limits).
     */
    public synchronized String badgeKey(String tenantId) {
        TenantDefinition tenant = requireTenant(tenantId);
        return tenant.badgeKey() != null ? tenant.badgeKey() : rotateBadgeKey(tenantId);
    }

    /** A new badge key in place of the current one: badge URLs with the old key answer 404 at once. */
    public synchronized String rotateBadgeKey(String tenantId) {
        TenantDefinition tenant = requireTenant(tenantId);
        String key = BadgeKeys.generate();
        write(tenant.withBadgeKey(key));
        return key;
    }

    /**
     * Replaces the tenant's status page settings, already checked by the caller but for the slug's owner.
     *
     * @throws ApiException 409 when another tenant's page has the slug
     */
    public synchronized TenantDefinition setStatusPage(String tenantId, TenantDefinition.StatusPage page) {
        TenantDefinition tenant = requireTenant(tenantId);
        boolean taken = page.slug() != null && directory.findByStatusPageSlug(page.slug())
                .filter(other -> !other.id().equals(tenantId)).isPresent();
        if (taken) {
            throw ApiException.conflict("slug '" + page.slug() + "' is taken by another status page");
        }
        return write(tenant.withStatusPage(page));
    }

    private TenantDefinition requireTenant(String tenantId) {
        return directory.find(tenantId).orElseThrow(() -> ApiException.notFound("no such tenant"));
    }

    private TenantDefinition write(TenantDefinition tenant) {
        directory.write(tenant.id(), tenant);
        return tenant;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

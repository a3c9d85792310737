package io.pushmon.gateway.channels;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;

import io.pushmon.common.channels.ChannelKind;
import io.pushmon.common.channels.ChannelSettings;
import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.secrets.ChannelSecrets;
import io.pushmon.common.secrets.UnreadableSecretException;
import io.pushmon.gateway.directory.ChannelDirectory;
import io.pushmon.gateway.directory.MonitorDirectory;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.tenants.TenantQuotas;

/**
 * Notification channels of a tenant. Every change is written to {@code channels} and, once acknowledged,
 * applied to this gateway's directory, so a monitor can use a channel the moment it was created. The channels it
 * returns are in plaintext (secret fields decrypted); the directory seals them again when they are written.
 */
@ApplicationScoped
public class ChannelService {

    private static final Logger LOG = Logger.getLogger(ChannelService.class);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 32;

    private final ChannelDirectory channels;
    private final MonitorDirectory monitors;
    private final TenantQuotas quotas;
    private final ChannelSecrets secrets;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public ChannelService(ChannelDirectory channels, MonitorDirectory monitors, TenantQuotas quotas,
            ChannelSecrets secrets) {
        this.quotas = quotas;
        this.secrets = secrets;
        this.channels = channels;
        this.monitors = monitors;
    }

    public ChannelDefinition create(String tenantId, ChannelRequest request) {
        ChannelKind kind = validate(request.type(), request.settings());
        Instant now = now();
        return quotas.withRoomForChannel(tenantId, () -> write(new ChannelDefinition(UUID.randomUUID().toString(),
                tenantId, request.name(), kind.wireName(), strip(request.settings()),
                kind.signed() ? newSecret() : null, now, now)));
    }

    public List<ChannelDefinition> list(String tenantId) {
        return channels.forTenant(tenantId).stream().map(this::open).toList();
    }

    /** Ids of the tenant's channels, without decrypting anything. */
    public List<String> ids(String tenantId) {
        return channels.forTenant(tenantId).stream().map(ChannelDefinition::id).toList();
    }

    /** The tenant's channel; another tenant's channel is as unknown as a missing one. */
    public ChannelDefinition get(String tenantId, String id) {
        return open(stored(tenantId, id));
    }

    /**
     * Replaces name and settings; the type and the signing secret stay. A secret setting sent back exactly as
     * the API masked it keeps its stored value, so a client can read, edit the name, and write back; but not
     * when a setting that says where the secret goes changes too, or anyone with a read-write key could point
     * a stored token at their own server and read it there.
     */
    public synchronized ChannelDefinition replace(String tenantId, String id, ChannelRequest request) {
        ChannelDefinition current = get(tenantId, id);
        if (request.type() != null && !request.type().equals(current.type())) {
            throw ApiException.badRequest("type cannot change (is " + current.type() + "); create a new channel");
        }
        ChannelKind kind = ChannelKind.fromWire(current.type()).orElseThrow();
        Map<String, String> masked = ChannelSettings.masked(current.type(), current.settings());
        Map<String, String> settings = new HashMap<>(strip(request.settings()));
        boolean targetChanged = kind.settings().stream().filter(spec -> !spec.secret())
                .anyMatch(spec -> !Objects.equals(settings.get(spec.name()), current.settings().get(spec.name())));
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String name = setting.getKey();
            boolean sentMasked = setting.getValue().equals(masked.get(name))
                    && !setting.getValue().equals(current.settings().get(name));
            if (sentMasked && targetChanged) {
                throw ApiException.badRequest(name + " must be sent in full when other settings of the channel change");
            }
            if (sentMasked) {
                setting.setValue(current.settings().get(name));
            }
        }
        validate(current.type(), settings);
        return write(new ChannelDefinition(current.id(), tenantId, request.name(), current.type(), settings,
                current.secret(), current.createdAt(), now()));
    }

    /** A new signing secret for a signed channel; the old one stops being used at once. */
    public synchronized ChannelDefinition rotateSecret(String tenantId, String id) {
        ChannelDefinition current = get(tenantId, id);
        if (current.secret() == null) {
            throw ApiException.badRequest("a " + current.type() + " channel has no signing secret");
        }
        return write(new ChannelDefinition(current.id(), tenantId, current.name(), current.type(), current.settings(),
                newSecret(), current.createdAt(), now()));
    }

    /** Refused while monitors still notify the channel: silently dropping their alerts would be worse. */
    public synchronized void delete(String tenantId, String id) {
        // Deleting needs no credentials, so a channel whose secrets cannot be read can still be removed.
        stored(tenantId, id);
        List<String> users = monitors.forTenant(tenantId).stream().filter(m -> m.channelIds().contains(id))
                .map(MonitorDefinition::name).sorted().toList();
        if (!users.isEmpty()) {
            throw ApiException.conflict("the channel is used by " + users.size() + " monitor(s): "
                    + String.join(", ", users.subList(0, Math.min(10, users.size())))
                    + "; remove it from their channelIds first");
        }
        channels.write(id, null);
    }

    /** Which keys the stored channels are sealed with, and which ones this gateway cannot decrypt. */
    public KeyReport keyReport() {
        return report(0);
    }

    /**
     * Rewrites every channel not sealed with the current key (older keys, plaintext from older versions) under
     * it, so that an old key can then be removed. Content and {@code updatedAt} stay as they are. Channels it
     * cannot decrypt are left alone and listed.
     */
    public synchronized KeyReport reEncrypt() {
        int rewritten = 0;
        for (ChannelDefinition stored : channels.all()) {
            if (secrets.sealedWithCurrentKey(stored)) {
                continue;
            }
            ChannelDefinition plain;
            try {
                plain = secrets.open(stored);
            } catch (UnreadableSecretException e) {
                continue;
            }
            channels.write(stored.id(), plain);
            rewritten++;
        }
        LOG.infof("Re-encrypted %d channel(s) under key %s", rewritten, secrets.cipher().currentKeyId());
        return report(rewritten);
    }

    /**
     * What the stored channels are sealed with.
     *
     * @param currentKey     the key new values are sealed with
     * @param configuredKeys every key this gateway holds, current first
     * @param channels       how many channels exist
     * @param channelsByKey  for each key id (and {@code plaintext}), how many channels have a secret stored under it
     * @param unreadable     ids of channels whose secrets this gateway cannot decrypt (the log says why)
     * @param reEncrypted    channels rewritten under the current key by this call
     */
    public record KeyReport(String currentKey, List<String> configuredKeys, int channels,
            Map<String, Integer> channelsByKey, List<String> unreadable, int reEncrypted) {
    }

    private KeyReport report(int reEncrypted) {
        Map<String, Integer> byKey = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        List<ChannelDefinition> all = channels.all();
        for (ChannelDefinition stored : all) {
            ChannelSecrets.storedUnder(stored).forEach(key -> byKey.merge(key, 1, Integer::sum));
            try {
                secrets.open(stored);
            } catch (UnreadableSecretException e) {
                LOG.warnf("Channel secrets unreadable: %s", e.getMessage());
                unreadable.add(stored.id());
            }
        }
        return new KeyReport(secrets.cipher().currentKeyId(), secrets.cipher().keyIds(), all.size(), byKey,
                unreadable.stream().sorted().toList(), reEncrypted);
    }

    private ChannelDefinition stored(String tenantId, String id) {
        return channels.find(id).filter(c -> c.tenantId().equals(tenantId))
                .orElseThrow(() -> ApiException.notFound("no channel with this id"));
    }

    private ChannelDefinition open(ChannelDefinition stored) {
        try {
            return secrets.open(stored);
        } catch (UnreadableSecretException e) {
            // The reason (which key is missing) is for the operator; the tenant learns only that it is not theirs.
            LOG.errorf("Channel secrets unreadable: %s", e.getMessage());
            throw new ApiException(Status.INTERNAL_SERVER_ERROR, "the stored credentials of channel " + stored.id()
                    + " cannot be decrypted with this deployment's keys; the operator must configure the key");
        }
    }

    private static ChannelKind validate(String type, Map<String, String> settings) {
        List<String> problems = ChannelSettings.validate(type, settings);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        return ChannelKind.fromWire(type).orElseThrow();
    }

    private static Map<String, String> strip(Map<String, String> settings) {
        Map<String, String> stripped = new HashMap<>();
        settings.forEach((name, value) -> stripped.put(name, value.strip()));
        return stripped;
    }

    private ChannelDefinition write(ChannelDefinition channel) {
        channels.write(channel.id(), channel);
        return channel;
    }

    private static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

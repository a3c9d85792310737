package io.pushmon.common.secrets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.pushmon.common.channels.ChannelSettings;
import io.pushmon.common.model.ChannelDefinition;

/**
 * Channel definitions as the {@code channels} topic stores them: the signing secret and every secret setting
 * ({@link ChannelSettings#isSecret}) sealed, each bound to its channel id and field, everything else in the clear
 * so the services can route and count without decrypting. The gateway seals what it writes; the dispatcher opens
 * a channel when it sends through it, so plaintext credentials are not kept in its cache.
 */
public final class ChannelSecrets {

    /** What {@link #storedUnder} reports for a secret field written before encryption. */
    public static final String PLAINTEXT = "plaintext";

    /** The field name of {@code ChannelDefinition.secret} in the sealing context. */
    private static final String SIGNING_SECRET = "secret";

    private final SecretCipher cipher;

    public ChannelSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** From {@code pushmon.secrets.keys}; fails with the reason when no usable key is configured. */
    public static ChannelSecrets of(SecretsConfig config) {
        return new ChannelSecrets(SecretCipher.of(config));
    }

    public SecretCipher cipher() {
        return cipher;
    }

    /** The channel with its secret fields sealed under the current key; {@code plain} holds plaintext values. */
    public ChannelDefinition seal(ChannelDefinition plain) {
        Map<String, String> settings = new LinkedHashMap<>();
        plain.settings().forEach((name, value) -> settings.put(name, ChannelSettings.isSecret(plain.type(), name)
                ? cipher.seal(value, context(plain.id(), setting(name))) : value));
        return with(plain, settings, cipher.seal(plain.secret(), context(plain.id(), SIGNING_SECRET)));
    }

    /**
     * The channel with its secret fields in plaintext, decrypted with whichever configured key sealed them (values
     * stored before encryption come back as they are).
     *
     * @throws UnreadableSecretException naming the channel, the field and the reason, never a value
     */
    public ChannelDefinition open(ChannelDefinition stored) {
        Map<String, String> settings = new LinkedHashMap<>();
        stored.settings().forEach((name, value) -> settings.put(name, ChannelSettings.isSecret(stored.type(), name)
                ? open(stored, setting(name), value) : value));
        return with(stored, settings, open(stored, SIGNING_SECRET, stored.secret()));
    }

    /**
     * The key ids the channel's secret fields are sealed with, {@link #PLAINTEXT} for any stored before encryption;
     * empty when it has no secret field.
     */
    public static Set<String> storedUnder(ChannelDefinition stored) {
        Set<String> ids = new TreeSet<>();
        stored.settings().forEach((name, value) -> {
            if (ChannelSettings.isSecret(stored.type(), name)) {
                ids.add(keyOf(value));
            }
        });
        if (stored.secret() != null) {
            ids.add(keyOf(stored.secret()));
        }
        return ids;
    }

    /** Whether every secret field of the stored channel is sealed with the current key. */
    public boolean sealedWithCurrentKey(ChannelDefinition stored) {
        return storedUnder(stored).stream().allMatch(cipher.currentKeyId()::equals);
    }

    private static String setting(String name) {
        return "settings." + name;
    }

    /** The additional authenticated data of a field: it ties a sealed value to one channel and one field. */
    static String context(String channelId, String field) {
        return "pushmon/channels/" + channelId + "\u0000" + field;
    }

    private String open(ChannelDefinition stored, String field, String value) {
        try {
            return cipher.open(value, context(stored.id(), field));
        } catch (UnreadableSecretException e) {
            throw new UnreadableSecretException("channel " + stored.id() + ", " + field + ": " + e.getMessage());
        }
    }

    private static String keyOf(String value) {
        return Optional.ofNullable(value).filter(SecretCipher::isSealed)
                .map(v -> SecretCipher.keyIdOf(v).orElse("unknown format")).orElse(PLAINTEXT);
    }

    private static ChannelDefinition with(ChannelDefinition channel, Map<String, String> settings, String secret) {
        return new ChannelDefinition(channel.id(), channel.tenantId(), channel.name(), channel.type(), settings,
                secret, channel.createdAt(), channel.updatedAt());
    }

    @Override
    public String toString() {
        return "ChannelSecrets[" + cipher + "]";
    }
}

package io.pushmon.common.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.ChannelDefinition;

class ChannelSecretsTest {

    private static final String OLD = SecretCipher.newKeyEntry("old");
    private static final String NEW = SecretCipher.newKeyEntry("new");
    private static final String BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    private final ChannelSecrets secrets = new ChannelSecrets(SecretCipher.parse(List.of(OLD)));

    private static ChannelDefinition channel(String id, String type, Map<String, String> settings, String secret) {
        return new ChannelDefinition(id, "tenant-1", "ops", type, settings, secret, AT, AT);
    }

    @Test
    void secretSettingsAndTheSigningSecretAreSealedAndTheRestStaysReadable() {
        ChannelDefinition telegram = channel("ch-1", "telegram", Map.of("botToken", BOT_TOKEN, "chatId", "-100123"),
                null);
        ChannelDefinition webhook = channel("ch-2", "webhook", Map.of("url", "https://example.org/hook"), "whsec_abc");
        ChannelDefinition email = channel("ch-3", "email", Map.of("to", "ops@example.org"), null);

        ChannelDefinition sealedTelegram = secrets.seal(telegram);
        ChannelDefinition sealedWebhook = secrets.seal(webhook);

        assertThat(sealedTelegram.settings().get("botToken")).startsWith("enc:v1:old:");
        assertThat(sealedTelegram.settings().get("chatId")).isEqualTo("-100123");
        assertThat(sealedWebhook.settings().get("url")).startsWith("enc:v1:old:");
        assertThat(sealedWebhook.secret()).startsWith("enc:v1:old:");
        assertThat(secrets.seal(email)).isEqualTo(email);
        assertThat(sealedWebhook.id()).isEqualTo("ch-2");
        assertThat(sealedWebhook.tenantId()).isEqualTo("tenant-1");
        assertThat(secrets.open(sealedTelegram)).isEqualTo(telegram);
        assertThat(secrets.open(sealedWebhook)).isEqualTo(webhook);
    }

    @Test
    void aSealedValueMovedToAnotherChannelDoesNotOpen() {
        ChannelDefinition victim = secrets.seal(channel("ch-1", "webhook", Map.of("url", "https://a.example/x"),
                "whsec_victim"));
        ChannelDefinition thief = channel("ch-2", "webhook", Map.of("url", "https://b.example/y"), victim.secret());

        assertThatThrownBy(() -> secrets.open(thief)).isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("channel ch-2, secret").hasMessageNotContaining("whsec_victim");
    }

    @Test
    void aSealedValueMovedToAnotherFieldDoesNotOpen() {
        ChannelDefinition sealed = secrets.seal(channel("ch-1", "ntfy", Map.of("topic", "ops", "token", "tk_1"),
                null));
        ChannelDefinition swapped = channel("ch-1", "ntfy", Map.of("topic", sealed.settings().get("token"),
                "token", sealed.settings().get("topic")), null);

        assertThatThrownBy(() -> secrets.open(swapped)).isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("channel ch-1, settings.");
    }

    @Test
    void aChannelWrittenBeforeEncryptionOpensAsItIs() {
        ChannelDefinition legacy = channel("ch-1", "webhook", Map.of("url", "https://example.org/hook"), "whsec_abc");

        assertThat(secrets.open(legacy)).isEqualTo(legacy);
        assertThat(ChannelSecrets.storedUnder(legacy)).containsExactly(ChannelSecrets.PLAINTEXT);
        assertThat(secrets.sealedWithCurrentKey(legacy)).isFalse();
    }

    @Test
    void resealingAfterAKeyIsPutFirstMovesTheChannelToTheNewKey() {
        ChannelDefinition plain = channel("ch-1", "webhook", Map.of("url", "https://example.org/hook"), "whsec_abc");
        ChannelDefinition underOld = secrets.seal(plain);
        ChannelSecrets rotated = new ChannelSecrets(SecretCipher.parse(List.of(NEW, OLD)));

        ChannelDefinition underNew = rotated.seal(rotated.open(underOld));

        assertThat(ChannelSecrets.storedUnder(underOld)).containsExactly("old");
        assertThat(rotated.sealedWithCurrentKey(underOld)).isFalse();
        assertThat(ChannelSecrets.storedUnder(underNew)).containsExactly("new");
        assertThat(rotated.sealedWithCurrentKey(underNew)).isTrue();
        assertThat(new ChannelSecrets(SecretCipher.parse(List.of(NEW))).open(underNew)).isEqualTo(plain);
    }

    @Test
    void anUnknownSettingIsTreatedAsASecret() {
        ChannelDefinition odd = channel("ch-1", "carrier-pigeon", Map.of("coop", "roof"), null);

        assertThat(secrets.seal(odd).settings().get("coop")).startsWith("enc:v1:");
    }
}

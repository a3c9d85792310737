package io.pushmon.common.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String OLD = SecretCipher.newKeyEntry("old");
    private static final String NEW = SecretCipher.newKeyEntry("new");
    private static final String CONTEXT = "pushmon/channels/ch-1\u0000settings.url";

    @Test
    void aSealedValueOpensToItsPlaintext() {
        SecretCipher cipher = SecretCipher.parse(List.of(OLD));

        String sealed = cipher.seal("https://hooks.example.org/T0/B0/s3cr3t", CONTEXT);

        assertThat(sealed).startsWith("enc:v1:old:").doesNotContain("s3cr3t").doesNotContain("hooks.example.org");
        assertThat(cipher.open(sealed, CONTEXT)).isEqualTo("https://hooks.example.org/T0/B0/s3cr3t");
    }

    @Test
    void theSameValueSealsDifferentlyEachTime() {
        SecretCipher cipher = SecretCipher.parse(List.of(OLD));

        assertThat(cipher.seal("token", CONTEXT)).isNotEqualTo(cipher.seal("token", CONTEXT));
    }

    @Test
    void aTamperedCiphertextDoesNotOpen() {
        SecretCipher cipher = SecretCipher.parse(List.of(OLD));
        String sealed = cipher.seal("token", CONTEXT);
        String prefix = "enc:v1:old:";
        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(prefix.length()));
        bytes[bytes.length - 1] ^= 1;
        String tampered = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThatThrownBy(() -> cipher.open(tampered, CONTEXT)).isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("does not decrypt with key 'old'");
    }

    @Test
    void aValueDoesNotOpenInAnotherContext() {
        SecretCipher cipher = SecretCipher.parse(List.of(OLD));
        String sealed = cipher.seal("token", CONTEXT);

        assertThatThrownBy(() -> cipher.open(sealed, "pushmon/channels/ch-2\u0000settings.url"))
                .isInstanceOf(UnreadableSecretException.class).hasMessageContaining("another channel or field");
    }

    @Test
    void aValueSealedWithAKeyThatIsNotConfiguredNamesTheKey() {
        String sealed = SecretCipher.parse(List.of(OLD)).seal("token", CONTEXT);

        assertThatThrownBy(() -> SecretCipher.parse(List.of(NEW)).open(sealed, CONTEXT))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("key 'old'").hasMessageContaining("has new");
    }

    @Test
    void theFirstKeyEncryptsAndEveryKeyDecrypts() {
        String underOld = SecretCipher.parse(List.of(OLD)).seal("token", CONTEXT);
        SecretCipher rotated = SecretCipher.parse(List.of(NEW, OLD));

        String underNew = rotated.seal("token", CONTEXT);

        assertThat(rotated.currentKeyId()).isEqualTo("new");
        assertThat(rotated.keyIds()).containsExactly("new", "old");
        assertThat(SecretCipher.keyIdOf(underNew)).contains("new");
        assertThat(rotated.open(underOld, CONTEXT)).isEqualTo("token");
        assertThat(rotated.open(underNew, CONTEXT)).isEqualTo("token");
        assertThat(SecretCipher.parse(List.of(NEW)).open(underNew, CONTEXT)).isEqualTo("token");
    }

    @Test
    void plaintextWrittenBeforeEncryptionIsReadAsItIs() {
        SecretCipher cipher = SecretCipher.parse(List.of(OLD));

        assertThat(cipher.open("whsec_written-by-an-older-version", CONTEXT))
                .isEqualTo("whsec_written-by-an-older-version");
        assertThat(cipher.open(null, CONTEXT)).isNull();
        assertThat(SecretCipher.keyIdOf("whsec_written-by-an-older-version")).isEmpty();
    }

    @Test
    void aFormatOfALaterVersionIsRefusedNotReadAsPlaintext() {
        SecretCipher cipher = SecretCipher.parse(List.of(OLD));

        assertThatThrownBy(() -> cipher.open("enc:v2:old:AAAA", CONTEXT))
                .isInstanceOf(UnreadableSecretException.class).hasMessageContaining("format");
    }

    @Test
    void malformedKeysAreRefusedWithoutRepeatingThem() {
        String shortKey = "k1:" + Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> SecretCipher.parse(List.of(shortKey))).hasMessageContaining("16 bytes")
                .hasMessageNotContaining(shortKey.substring(3));
        assertThatThrownBy(() -> SecretCipher.parse(List.of("c2VjcmV0LWtleS1tYXRlcmlhbA==")))
                .hasMessageContaining("entry 1 of 1 is not <id>:<base64 key>")
                .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> SecretCipher.parse(List.of("k1:not base64!"))).hasMessageContaining("not base64");
        assertThatThrownBy(() -> SecretCipher.parse(List.of(OLD, OLD))).hasMessageContaining("listed twice");
    }

    @Test
    void noConfiguredKeyIsRefusedWithHowToMakeOne() {
        assertThatThrownBy(() -> SecretCipher.of(Optional::empty)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PUSHMON_SECRETS_KEYS").hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void theCipherShowsKeyIdsButNeverKeyMaterial() {
        SecretCipher cipher = SecretCipher.parse(List.of(NEW, OLD));

        assertThat(cipher.toString()).contains("new", "old")
                .doesNotContain(NEW.substring(4)).doesNotContain(OLD.substring(4));
    }
}

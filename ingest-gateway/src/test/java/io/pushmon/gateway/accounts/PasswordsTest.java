package io.pushmon.gateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.pushmon.gateway.errors.ApiException;

class PasswordsTest {

    private final PasswordHasher hasher = new PasswordHasher(2);

    @Test
    void aHashIsArgon2idWithItsCostAndMatchesOnlyItsPassword() {
        String hash = hasher.hash("correct horse battery");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse");
        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("correct horse batterz", hash)).isFalse();
    }

    @Test
    void twoHashesOfOnePasswordDifferByTheirSalt() {
        assertThat(hasher.hash("same password here")).isNotEqualTo(hasher.hash("same password here"));
    }

    @Test
    void anUnreadableOrMissingHashMatchesNothing() {
        assertThat(hasher.verify("whatever password", null)).isFalse();
        assertThat(hasher.verify("whatever password", "$2a$10$bcrypt-looking")).isFalse();
        assertThat(hasher.verify("whatever password", "$argon2id$v=19$m=x,t=2,p=1$AAAA$AAAA")).isFalse();
        assertThat(hasher.verifyNothing("whatever password")).isFalse();
    }

    @Test
    void aPasswordNeedsTenToTwoHundredCharacters() {
        assertThatThrownBy(() -> PasswordRules.check(null)).isInstanceOf(ApiException.class)
                .hasMessage("password is required");
        assertThatThrownBy(() -> PasswordRules.check("123456789")).hasMessage("password must be at least 10 characters");
        assertThatThrownBy(() -> PasswordRules.check("x".repeat(201)))
                .hasMessage("password must be at most 200 characters");
        PasswordRules.check("1234567890");
        PasswordRules.check("x".repeat(200));
    }

    @Test
    void charactersAreCountedNotUtf16Units() {
        PasswordRules.check("\uD83D\uDD11".repeat(10));
        assertThatThrownBy(() -> PasswordRules.check("\uD83D\uDD11".repeat(9)))
                .hasMessage("password must be at least 10 characters");
    }

    @Test
    void anAddressIsLowerCasedAndMustLookLikeOne() {
        assertThat(Emails.normalize("  Ann@Example.ORG ")).isEqualTo("ann@example.org");
        assertThatThrownBy(() -> Emails.normalize("ann")).hasMessage("email is not a valid address");
        assertThatThrownBy(() -> Emails.normalize("ann@example.org\r\nBcc: x@y.z"))
                .hasMessage("email is not a valid address");
        assertThatThrownBy(() -> Emails.normalize(" ")).hasMessage("email is required");
    }
}

package io.pushmon.gateway.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void keysArePrefixedAndCarry256RandomBits() {
        String key = ApiKeys.generateKey();

        assertThat(key).startsWith("pmk_").hasSize(4 + 43).matches("pmk_[A-Za-z0-9_-]+");
        assertThat(ApiKeys.generateKey()).isNotEqualTo(key);
    }

    @Test
    void theStoredFormIsTheHexSha256() {
        assertThat(ApiKeys.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

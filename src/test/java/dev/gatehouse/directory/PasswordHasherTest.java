package dev.gatehouse.directory;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

    @Test
    void hashIsArgon2idWithOwaspParametersAndVerifies() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", hash)).isFalse();
    }

    @Test
    void hashUsesAFreshSaltEachTime() {
        assertThat(hasher.hash("same password here")).isNotEqualTo(hasher.hash("same password here"));
    }

    @Test
    void verifyWhenHashMalformedOrNotArgon2idThenFalse() {
        assertThat(hasher.verify("anything", "$argon2id$v=19$m=19456,t=2,p=1$garbage")).isFalse();
        assertThat(hasher.verify("anything", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(hasher.verify("anything", null)).isFalse();
    }
}

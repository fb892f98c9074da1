package dev.gatehouse.directory;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

    @Test
    void hashIsArgon2idWithOwaspParametersAndVerifies() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hash).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
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

    @Test
    void verifyWhenHashMadeByAnotherImplementationThenAccepted() {
        // BouncyCastle's pure-Java Argon2id with the earlier parameters (m=19456, t=2): the stored PHC strings must
        // interoperate, and hashes made before the parameters changed must still verify.
        byte[] salt = "sixteen byte slt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var params = new org.bouncycastle.crypto.params.Argon2Parameters.Builder(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(19456).withIterations(2).withParallelism(1).withSalt(salt).build();
        var generator = new org.bouncycastle.crypto.generators.Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[32];
        generator.generateBytes("interop password".getBytes(java.nio.charset.StandardCharsets.UTF_8), out);
        var b64 = java.util.Base64.getEncoder().withoutPadding();
        String phc = "$argon2id$v=19$m=19456,t=2,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);

        assertThat(hasher.verify("interop password", phc)).isTrue();
        assertThat(hasher.verify("interop passwore", phc)).isFalse();
    }
}

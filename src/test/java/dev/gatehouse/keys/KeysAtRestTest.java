package dev.gatehouse.keys;

import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signing private keys at rest: sealed under the master key, refused under another, rotated in metadata. */
class KeysAtRestTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void storedPrivateKeyColumnHoldsNoPkcs8Bytes(TestDatabase.Kind kind) {
        try (TestIdentityCenter ic = TestIdentityCenter.start(kind)) {
            String appId = TestData.awsApp(ic, "Sealed", "https://signin.aws.amazon.com/saml");
            SigningKey key = ic.center().services().keys().activeKey(appId);
            String stored = storedPrivateKey(ic, key.id());

            byte[] pkcs8 = key.privateKey().getEncoded();
            assertThat(stored).startsWith("v1.");
            byte[] decoded = Base64.getDecoder().decode(stored.substring(3));
            assertThat(indexOf(decoded, java.util.Arrays.copyOfRange(pkcs8, 0, 16))).isEqualTo(-1);
            assertThat(indexOf(decoded, java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 16, pkcs8.length))).isEqualTo(-1);
            assertThat(stored).doesNotContain(Base64.getEncoder().encodeToString(pkcs8).substring(0, 40));
        }
    }

    @Test
    void generatedMasterKeyFileIsReadableByItsOwnerOnly() throws Exception {
        try (TestIdentityCenter ic = TestIdentityCenter.start(TestDatabase.Kind.H2)) {
            Path file = ic.dataDir().resolve(MasterKey.FILE_NAME);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        }
    }

    @Test
    void startWithAnotherMasterKeyThenRefusedWithClearMessage() throws Exception {
        Path dataDir;
        try (TestIdentityCenter ic = TestIdentityCenter.start(TestDatabase.Kind.H2)) {
            TestData.awsApp(ic, "Before", "https://signin.aws.amazon.com/saml");
            dataDir = ic.dataDir();
        }
        Path other = Files.createTempFile("other-master", ".key");
        Files.writeString(other, MasterKey.newEncodedKey(new SecureRandom()));
        String url = dev.gatehouse.storage.Database.h2FileUrl(dataDir, "gatehouse");

        assertThatThrownBy(() -> dev.gatehouse.identitycenter.IdentityCenter.start(
                dev.gatehouse.identitycenter.IdentityCenterConfig.of(0, dataDir, url, null).withMasterKeyFile(other)))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("is not the one this database's signing keys were encrypted with")
                .hasMessageNotContaining(Files.readString(other).strip());
    }

    @Test
    void plaintextRowsFromEarlierVersionsAreSealedAtStart() {
        Path dataDir;
        String appId;
        String keyId;
        byte[] pkcs8;
        try (TestIdentityCenter ic = TestIdentityCenter.start(TestDatabase.Kind.H2)) {
            appId = TestData.awsApp(ic, "Legacy", "https://signin.aws.amazon.com/saml");
            SigningKey key = ic.center().services().keys().activeKey(appId);
            keyId = key.id();
            pkcs8 = key.privateKey().getEncoded();
            // what version 1 wrote: base64 PKCS#8 in the clear
            ic.center().database().jdbi().useHandle(h -> h.createUpdate("UPDATE signing_keys SET private_key = :p WHERE id = :id")
                    .bind("p", Base64.getEncoder().encodeToString(pkcs8)).bind("id", key.id()).execute());
            dataDir = ic.dataDir();
        }
        String url = dev.gatehouse.storage.Database.h2FileUrl(dataDir, "gatehouse");
        try (dev.gatehouse.identitycenter.IdentityCenter again = dev.gatehouse.identitycenter.IdentityCenter.start(dev.gatehouse.identitycenter.IdentityCenterConfig.of(0, dataDir, url, null))) {
            String stored = again.database().jdbi().withHandle(h -> h.createQuery("SELECT private_key FROM signing_keys WHERE id = :id")
                    .bind("id", keyId).mapTo(String.class).one());
            assertThat(stored).startsWith("v1.").doesNotContain(Base64.getEncoder().encodeToString(pkcs8).substring(0, 40));
            assertThat(again.services().keys().activeKey(appId).privateKey().getEncoded()).isEqualTo(pkcs8);
        }
    }

    @Test
    void sealedKeyCopiedOntoAnotherRowDoesNotOpen() {
        try (TestIdentityCenter ic = TestIdentityCenter.start(TestDatabase.Kind.H2)) {
            String a = TestData.awsApp(ic, "A", "https://signin.aws.amazon.com/saml");
            String b = TestData.awsApp(ic, "B", "https://signin.aws.amazon.com/saml");
            SigningKey keyA = ic.center().services().keys().activeKey(a);
            SigningKey keyB = ic.center().services().keys().activeKey(b);
            ic.center().database().jdbi().useHandle(h -> h.createUpdate("UPDATE signing_keys SET private_key = :p WHERE id = :id")
                    .bind("p", storedPrivateKey(ic, keyA.id())).bind("id", keyB.id()).execute());
            ic.center().services().keys().evict(b);

            assertThatThrownBy(() -> ic.center().services().keys().activeKey(b)).isInstanceOf(MasterKeyException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void rotationMakesOldKeyPassiveAndMetadataListsBothActiveFirst(TestDatabase.Kind kind) throws Exception {
        try (TestIdentityCenter ic = TestIdentityCenter.start(kind)) {
            String appId = TestData.awsApp(ic, "Rotated", "https://signin.aws.amazon.com/saml");
            SigningKeyStore keys = ic.center().services().keys();
            SigningKey old = keys.activeKey(appId);

            SigningKey fresh = keys.createActiveKey(appId, "Rotated (" + appId + ")");

            assertThat(keys.activeKey(appId).id()).isEqualTo(fresh.id()).isNotEqualTo(old.id());
            assertThat(keys.publishedKeys(appId)).extracting(SigningKey::id, SigningKey::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(fresh.id(), KeyStatus.ACTIVE),
                            org.assertj.core.groups.Tuple.tuple(old.id(), KeyStatus.PASSIVE));
            String metadata = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/api/apps/" + appId + "/saml-metadata"))
                    .build()).body();
            assertThat(certificates(metadata)).containsExactly(
                    Base64.getEncoder().encodeToString(fresh.certificate().getEncoded()),
                    Base64.getEncoder().encodeToString(old.certificate().getEncoded()));
        }
    }

    @Test
    void masterKeyNeverAppearsInToString() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        MasterKey key = MasterKey.of(raw, new SecureRandom(), "test");
        assertThat(key.toString()).doesNotContain(Base64.getEncoder().encodeToString(raw)).contains("test");
        assertThat(key.decrypt(key.encrypt(new byte[]{1, 2, 3}, "row-1"), "row-1")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> key.decrypt(key.encrypt(new byte[]{1, 2, 3}, "row-1"), "row-2"))
                .isInstanceOf(MasterKeyException.class);
    }

    @Test
    void masterKeyComesFromFileThenEnvironmentThenGeneratedFile() throws Exception {
        SecureRandom random = new SecureRandom();
        Path dataDir = Files.createTempDirectory("master-key");
        Path file = Files.createTempFile("master", ".key");
        Files.writeString(file, MasterKey.newEncodedKey(random) + "\n");
        String environment = MasterKey.newEncodedKey(random);

        MasterKey fromFile = MasterKey.resolve(file, environment, dataDir, random);
        MasterKey fromEnvironment = MasterKey.resolve(null, environment, dataDir, random);
        MasterKey generated = MasterKey.resolve(null, null, dataDir, random);

        assertThat(fromFile.source()).contains(file.toString());
        assertThat(fromEnvironment.source()).contains(MasterKey.ENV);
        assertThat(generated.source()).contains(dataDir.resolve(MasterKey.FILE_NAME).toString());
        String sealed = fromEnvironment.encrypt(new byte[]{7}, "id");
        assertThat(MasterKey.of(Base64.getDecoder().decode(environment), random, "copy").decrypt(sealed, "id")).containsExactly(7);
        assertThatThrownBy(() -> fromFile.decrypt(sealed, "id")).isInstanceOf(MasterKeyException.class);
        assertThatThrownBy(() -> MasterKey.resolve(null, "c2hvcnQ=", dataDir, random))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("exactly 32 random bytes");
    }

    static String storedPrivateKey(TestIdentityCenter ic, String keyId) {
        return ic.center().database().jdbi().withHandle(h -> h.createQuery("SELECT private_key FROM signing_keys WHERE id = :id")
                .bind("id", keyId).mapTo(String.class).one());
    }

    static List<String> certificates(String metadata) {
        Matcher m = Pattern.compile("<(?:ds:)?X509Certificate>([^<]+)</(?:ds:)?X509Certificate>").matcher(metadata);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1).replaceAll("\\s", ""));
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

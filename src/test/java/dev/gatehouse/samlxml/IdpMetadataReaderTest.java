package dev.gatehouse.samlxml;

import dev.gatehouse.awsemulator.TestIdpMetadata;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdpMetadataReaderTest {

    @Test
    void readsEntityIdAllSigningCertificatesAndValidUntil() {
        String xml = TestIdpMetadata.metadata("https://idp.example.test/m",
                List.of(TestIdpMetadata.certificate(2048, "a"), TestIdpMetadata.certificate(2048, "b")), Instant.parse("2030-05-06T07:08:09Z"));
        IdpMetadataReader.IdpMetadata m = IdpMetadataReader.read(xml);
        assertThat(m.entityId()).isEqualTo("https://idp.example.test/m");
        assertThat(m.signingCertificates()).extracting(c -> c.getSubjectX500Principal().getName()).containsExactly("CN=a", "CN=b");
        assertThat(m.validUntil()).isEqualTo(Instant.parse("2030-05-06T07:08:09Z"));
    }

    @Test
    void encryptionOnlyKeyIsNotASigningCertificate() {
        String xml = TestIdpMetadata.metadata("https://idp.example.test/m").replace("use=\"signing\"", "use=\"encryption\"");
        assertThatThrownBy(() -> IdpMetadataReader.read(xml)).isInstanceOf(InvalidXmlException.class).hasMessageContaining("no signing certificate");
    }

    @Test
    void keyUnder1024BitsThenRefused() {
        String xml = TestIdpMetadata.metadataFromDer("https://idp.example.test/m", List.of(TestIdpMetadata.certificateDer(512, "w", false)), null);
        assertThatThrownBy(() -> IdpMetadataReader.read(xml)).isInstanceOf(InvalidXmlException.class).hasMessageContaining("512-bit");
    }

    @Test
    void repeatedCertificateExtensionThenRefused() {
        String xml = TestIdpMetadata.metadataFromDer("https://idp.example.test/m", List.of(TestIdpMetadata.certificateDer(2048, "r", true)), null);
        assertThatThrownBy(() -> IdpMetadataReader.read(xml)).isInstanceOf(InvalidXmlException.class).hasMessageContaining("repeats the extension");
    }

    @Test
    void doctypeAndNonMetadataAndSpOnlyThenRefused() {
        assertThatThrownBy(() -> IdpMetadataReader.read("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"))
                .isInstanceOf(InvalidXmlException.class);
        assertThatThrownBy(() -> IdpMetadataReader.read("<html/>")).isInstanceOf(InvalidXmlException.class).hasMessageContaining("IDPSSODescriptor");
        String sp = TestIdpMetadata.metadata("https://sp.example.test").replace("IDPSSODescriptor", "SPSSODescriptor");
        assertThatThrownBy(() -> IdpMetadataReader.read(sp)).isInstanceOf(InvalidXmlException.class).hasMessageContaining("IDPSSODescriptor");
        assertThatThrownBy(() -> IdpMetadataReader.read("\uFEFF" + TestIdpMetadata.metadata("https://i"))).isInstanceOf(InvalidXmlException.class)
                .hasMessageContaining("byte-order mark");
    }
}

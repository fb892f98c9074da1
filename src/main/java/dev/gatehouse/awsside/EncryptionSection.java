package dev.gatehouse.awsside;

import dev.gatehouse.keys.EncryptionCertificates.EncryptionCertificate;

import java.util.List;

/**
 * The AWS side page's *Encrypted assertions* section.
 *
 * @param certificate  the certificate launches are encrypted to, or {@code null} (plaintext)
 * @param canGenerate  the application has a connected account, so a key pair can be made and pushed
 * @param acsUrl       the application's ACS URL (Required mode wants the provider's own {@code /saml/acs/IdP-ID})
 * @param errors       what was wrong with the last change; nothing was changed
 * @param saved        the last change went through
 */
public record EncryptionSection(EncryptionCertificate certificate, boolean canGenerate, String acsUrl, List<String> errors,
                                boolean saved) {
    public String subject() {
        return certificate == null ? "" : certificate.certificate().getSubjectX500Principal().getName();
    }

    public String notAfter() {
        return certificate == null ? "" : certificate.certificate().getNotAfter().toInstant().toString();
    }

    public boolean generated() {
        return certificate != null && certificate.source() == dev.gatehouse.keys.EncryptionCertificates.Source.GENERATED;
    }
}

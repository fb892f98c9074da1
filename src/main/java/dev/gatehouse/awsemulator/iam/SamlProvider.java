package dev.gatehouse.awsemulator.iam;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * An IAM SAML provider: the uploaded metadata and what AWS reads from it.
 *
 * @param uuid                {@code SAMLSP} + 16 upper-case letters and digits
 * @param signingCertificates every signing certificate of the metadata; assertions are verified against these only
 * @param validUntil          the metadata's validUntil, or creation + 100 years when it has none
 * @param encryptionMode      {@code Required}, {@code Allowed}, or {@code null} when never set
 * @param privateKeys         the keys encrypted assertions are decrypted with, oldest first (at most 2)
 */
public record SamlProvider(String accountId, String name, String arn, String uuid, String metadataDocument,
                           String entityId, List<X509Certificate> signingCertificates, Instant validUntil,
                           Instant createDate, String encryptionMode, List<SamlProviderKey> privateKeys) {
    public static final String REQUIRED = "Required";
    public static final String ALLOWED = "Allowed";

    public boolean encryptionRequired() {
        return REQUIRED.equals(encryptionMode);
    }
}

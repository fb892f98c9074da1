package dev.gatehouse.keys;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** One application's signing key and the certificate published for it in metadata. */
public record SigningKey(String id, String appId, KeyStatus status, PrivateKey privateKey, X509Certificate certificate,
                         Instant notAfter, Instant createdAt) {
}

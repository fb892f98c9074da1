package dev.gatehouse.awsemulator.account;

import java.util.Optional;

/** Finds the credential behind an access key id: root keys, or temporary keys issued by STS. */
public interface CredentialResolver {
    Optional<SigningCredential> find(String accessKeyId);
}

-- Encrypted SAML assertions (IAM, February 2025): a provider's AssertionEncryptionMode (NULL = not set,
-- 'Required' or 'Allowed') and its private keys, at most 2. The emulator has no sealing key of its own, so the
-- PEM is stored as uploaded, like everything else in this throw-away account database.
ALTER TABLE iam_saml_providers ADD COLUMN encryption_mode VARCHAR(16);

CREATE TABLE iam_saml_provider_keys (
    key_id       VARCHAR(64)    PRIMARY KEY,
    provider_arn VARCHAR(400)   NOT NULL REFERENCES iam_saml_providers(arn) ON DELETE CASCADE,
    private_key  VARCHAR(16384) NOT NULL,
    created_at   BIGINT         NOT NULL
);
CREATE INDEX iam_saml_provider_keys_provider ON iam_saml_provider_keys (provider_arn);

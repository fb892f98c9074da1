-- Encrypted assertions (issue 16, item 5): the certificate an application's assertions are encrypted to, either
-- uploaded by an administrator or generated here, its private key pushed to the connected accounts' SAML
-- providers (UpdateSAMLProvider AddPrivateKey) and then forgotten. Only the certificate is kept: it is public.
CREATE TABLE app_encryption_certificates (
    app_id          VARCHAR(40)    PRIMARY KEY REFERENCES apps(id) ON DELETE CASCADE,
    certificate_pem VARCHAR(16384) NOT NULL,
    source          VARCHAR(16)    NOT NULL,
    mode            VARCHAR(16),
    pushed_keys     VARCHAR(4000),
    updated_at      BIGINT         NOT NULL,
    updated_by      VARCHAR(200)   NOT NULL
);

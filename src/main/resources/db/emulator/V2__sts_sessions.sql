-- Temporary credentials issued by STS AssumeRoleWithSAML. The secret and session token are kept as issued,
-- because verifying a SigV4 signature needs the secret itself (as AWS does server-side).
CREATE TABLE sts_session_credential (
    access_key_id     VARCHAR(32)   NOT NULL PRIMARY KEY,
    secret_access_key VARCHAR(64)   NOT NULL,
    session_token     VARCHAR(1024) NOT NULL,
    account_id        VARCHAR(12)   NOT NULL,
    role_name         VARCHAR(64)   NOT NULL,
    role_id           VARCHAR(128)  NOT NULL,
    session_name      VARCHAR(64)   NOT NULL,
    assumed_role_arn  VARCHAR(2048) NOT NULL,
    source_identity   VARCHAR(64),
    issued_at_epoch   BIGINT        NOT NULL,
    expires_at_epoch  BIGINT        NOT NULL
);

CREATE INDEX sts_session_credential_expiry ON sts_session_credential (expires_at_epoch);

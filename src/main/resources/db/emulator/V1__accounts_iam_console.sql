-- The AWS emulator's accounts, IAM entities and console sessions. Times are epoch milliseconds (BIGINT) so the
-- same script runs unchanged on H2 and PostgreSQL. Names are unique per account case-insensitively (name_key
-- holds the lower-cased name), as IAM requires, while the name itself keeps its case.

CREATE TABLE aws_accounts (
    account_id   VARCHAR(12) PRIMARY KEY,
    created_at   BIGINT      NOT NULL
);

-- Root access keys. The secret is kept in clear because verifying SigV4 needs it, as it does on AWS.
CREATE TABLE aws_root_keys (
    access_key_id     VARCHAR(128) PRIMARY KEY,
    account_id        VARCHAR(12)  NOT NULL REFERENCES aws_accounts(account_id) ON DELETE CASCADE,
    secret_access_key VARCHAR(128) NOT NULL,
    created_at        BIGINT       NOT NULL
);

CREATE TABLE iam_saml_providers (
    arn            VARCHAR(400)      PRIMARY KEY,
    account_id     VARCHAR(12)       NOT NULL REFERENCES aws_accounts(account_id) ON DELETE CASCADE,
    name           VARCHAR(128)      NOT NULL,
    name_key       VARCHAR(128)      NOT NULL,
    uuid           VARCHAR(64)       NOT NULL UNIQUE,
    metadata       VARCHAR(10000000) NOT NULL,
    entity_id      VARCHAR(1024)     NOT NULL,
    valid_until    BIGINT            NOT NULL,
    created_at     BIGINT            NOT NULL,
    UNIQUE (account_id, name_key)
);

CREATE TABLE iam_policies (
    policy_id      VARCHAR(32)   PRIMARY KEY,
    account_id     VARCHAR(12)   NOT NULL REFERENCES aws_accounts(account_id) ON DELETE CASCADE,
    name           VARCHAR(128)  NOT NULL,
    name_key       VARCHAR(128)  NOT NULL,
    path           VARCHAR(512)  NOT NULL,
    arn            VARCHAR(800)  NOT NULL UNIQUE,
    document       VARCHAR(131072) NOT NULL,
    description    VARCHAR(1000),
    created_at     BIGINT        NOT NULL,
    updated_at     BIGINT        NOT NULL,
    UNIQUE (account_id, name_key)
);

CREATE TABLE iam_roles (
    role_id        VARCHAR(32)   PRIMARY KEY,
    account_id     VARCHAR(12)   NOT NULL REFERENCES aws_accounts(account_id) ON DELETE CASCADE,
    name           VARCHAR(64)   NOT NULL,
    name_key       VARCHAR(64)   NOT NULL,
    path           VARCHAR(512)  NOT NULL,
    arn            VARCHAR(800)  NOT NULL UNIQUE,
    trust_policy   VARCHAR(131072) NOT NULL,
    max_session    INTEGER       NOT NULL,
    description    VARCHAR(1000),
    created_at     BIGINT        NOT NULL,
    UNIQUE (account_id, name_key)
);

CREATE TABLE iam_role_policies (
    role_id        VARCHAR(32) NOT NULL REFERENCES iam_roles(role_id) ON DELETE CASCADE,
    policy_id      VARCHAR(32) NOT NULL REFERENCES iam_policies(policy_id),
    attached_at    BIGINT      NOT NULL,
    PRIMARY KEY (role_id, policy_id)
);
CREATE INDEX iam_role_policies_by_policy ON iam_role_policies(policy_id);

-- Console sessions, root and federated. Only a SHA-256 of the cookie token is stored.
CREATE TABLE console_sessions (
    id              VARCHAR(40)   PRIMARY KEY,
    token_hash      VARCHAR(64)   NOT NULL UNIQUE,
    account_id      VARCHAR(12)   NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    principal_arn   VARCHAR(1000) NOT NULL,
    role_name       VARCHAR(64),
    session_name    VARCHAR(128),
    source_identity VARCHAR(128),
    csrf_token      VARCHAR(64)   NOT NULL,
    expires_at      BIGINT        NOT NULL,
    created_at      BIGINT        NOT NULL
);

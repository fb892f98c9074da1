-- The AWS account catalog (issue 14): accounts, the roles in each, who is entitled to which (account, role) pair,
-- and each user's recently used pairs (the portal lists them first). Portable between H2 and PostgreSQL.
-- Entitlements are the big table (10 million rows in the benchmark): its key leads with the principal so the
-- portal's "what may this user use" read is one index range per principal, and rows stay narrow.
CREATE TABLE catalog_accounts (
    app_id              VARCHAR(40)   NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    account_id          VARCHAR(12)   NOT NULL,
    display_name        VARCHAR(128)  NOT NULL,
    saml_provider_name  VARCHAR(128)  NOT NULL,
    sign_in_url         VARCHAR(1024) NOT NULL,
    sts_endpoint        VARCHAR(1024),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, account_id)
);

CREATE TABLE catalog_roles (
    app_id                    VARCHAR(40)   NOT NULL,
    account_id                VARCHAR(12)   NOT NULL,
    role_name                 VARCHAR(576)  NOT NULL,   -- optional path (up to 512) plus the name (up to 64)
    description               VARCHAR(1000),
    session_duration_seconds  INTEGER       NOT NULL,
    relay_state               VARCHAR(240),
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, account_id, role_name),
    FOREIGN KEY (app_id, account_id) REFERENCES catalog_accounts(app_id, account_id) ON DELETE CASCADE
);

CREATE TABLE catalog_entitlements (
    principal_id    VARCHAR(40)  NOT NULL,
    principal_type  VARCHAR(8)   NOT NULL,
    app_id          VARCHAR(40)  NOT NULL,
    account_id      VARCHAR(12)  NOT NULL,
    role_name       VARCHAR(576) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (principal_id, principal_type, app_id, account_id, role_name),
    FOREIGN KEY (app_id, account_id, role_name) REFERENCES catalog_roles(app_id, account_id, role_name) ON DELETE CASCADE
);
CREATE INDEX catalog_entitlements_by_role ON catalog_entitlements(app_id, account_id, role_name);

CREATE TABLE catalog_recent_launches (
    user_id       VARCHAR(40)  NOT NULL,
    app_id        VARCHAR(40)  NOT NULL,
    account_id    VARCHAR(12)  NOT NULL,
    role_name     VARCHAR(576) NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, app_id, account_id, role_name),
    FOREIGN KEY (app_id, account_id, role_name) REFERENCES catalog_roles(app_id, account_id, role_name) ON DELETE CASCADE
);

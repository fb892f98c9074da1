-- Issue 13: inline role policies, AWS managed policies attached to roles, permissions boundaries, RoleLastUsed and
-- tags. Plain types and statements only, so the same script runs on H2 and PostgreSQL.

-- Inline policies belong to one role; names are unique per role case-insensitively, as IAM requires.
CREATE TABLE iam_role_inline_policies (
    role_id    VARCHAR(32)     NOT NULL REFERENCES iam_roles(role_id) ON DELETE CASCADE,
    name       VARCHAR(128)    NOT NULL,
    name_key   VARCHAR(128)    NOT NULL,
    document   VARCHAR(131072) NOT NULL,
    created_at BIGINT          NOT NULL,
    PRIMARY KEY (role_id, name_key)
);

-- AWS managed policies live in a resource file, not in iam_policies, so their attachments are kept by ARN.
CREATE TABLE iam_role_aws_policies (
    role_id     VARCHAR(32)  NOT NULL REFERENCES iam_roles(role_id) ON DELETE CASCADE,
    policy_arn  VARCHAR(800) NOT NULL,
    attached_at BIGINT       NOT NULL,
    PRIMARY KEY (role_id, policy_arn)
);
CREATE INDEX iam_role_aws_policies_by_arn ON iam_role_aws_policies(policy_arn);

ALTER TABLE iam_roles ADD COLUMN permissions_boundary VARCHAR(800);
ALTER TABLE iam_roles ADD COLUMN last_used_at BIGINT;
ALTER TABLE iam_roles ADD COLUMN last_used_region VARCHAR(32);

-- Tags of roles, customer-managed policies and SAML providers, by the resource's ARN; keys are unique per
-- resource case-insensitively (key_lower). seq keeps the order in which tags were first added.
CREATE TABLE iam_tags (
    resource_arn VARCHAR(800) NOT NULL,
    key_lower    VARCHAR(128) NOT NULL,
    tag_key      VARCHAR(128) NOT NULL,
    tag_value    VARCHAR(256) NOT NULL,
    seq          BIGINT       NOT NULL,
    PRIMARY KEY (resource_arn, key_lower)
);

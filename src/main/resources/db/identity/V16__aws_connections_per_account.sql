-- Account connections per account (issue 16): a catalog instance connects each of its accounts; a guide-template
-- instance's one account is keyed ''. An optional role to assume with the key (a key of another account, say).
-- A new table rather than ALTERs of the primary key, whose constraint name differs between H2 and PostgreSQL.
CREATE TABLE aws_account_connections (
    app_id              VARCHAR(40)   NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    account_id          VARCHAR(12)   NOT NULL,
    access_key_id       VARCHAR(128)  NOT NULL,
    secret_sealed       VARCHAR(1024) NOT NULL,
    role_arn            VARCHAR(2048),
    region              VARCHAR(32)   NOT NULL,
    iam_endpoint        VARCHAR(1024) NOT NULL,
    sts_endpoint        VARCHAR(1024) NOT NULL,
    cloudtrail_endpoint VARCHAR(1024) NOT NULL,
    updated_by          VARCHAR(128)  NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, account_id)
);
INSERT INTO aws_account_connections (app_id, account_id, access_key_id, secret_sealed, role_arn, region, iam_endpoint,
        sts_endpoint, cloudtrail_endpoint, updated_by, updated_at)
    SELECT app_id, '', access_key_id, secret_sealed, NULL, region, iam_endpoint, sts_endpoint, cloudtrail_endpoint,
        updated_by, updated_at FROM aws_connections;
DROP TABLE aws_connections;

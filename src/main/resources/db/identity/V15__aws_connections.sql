-- Account connections (issue 16): how the identity center reaches an AWS application's account to check its side.
-- The secret access key is sealed under the master key (keys.MasterKey) and never shown again.
CREATE TABLE aws_connections (
    app_id             VARCHAR(40)   NOT NULL PRIMARY KEY REFERENCES apps(id) ON DELETE CASCADE,
    access_key_id      VARCHAR(128)  NOT NULL,
    secret_sealed      VARCHAR(1024) NOT NULL,
    region             VARCHAR(32)   NOT NULL,
    iam_endpoint       VARCHAR(1024) NOT NULL,
    sts_endpoint       VARCHAR(1024) NOT NULL,
    cloudtrail_endpoint VARCHAR(1024) NOT NULL,
    updated_by         VARCHAR(128)  NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- An LDAP / Active Directory identity source (issue 17, item 2). One row of settings: the bind password is sealed
-- under the master key (never stored or shown in the clear). Plain ldap:// is refused unless allow_plain is set.
CREATE TABLE ldap_settings (
    id                    INTEGER       PRIMARY KEY,          -- always 1: one LDAP source
    enabled               BOOLEAN       NOT NULL,
    url                   VARCHAR(1024) NOT NULL,             -- ldaps://host:636 or ldap://host:389
    security              VARCHAR(16)   NOT NULL,             -- LDAPS | STARTTLS | PLAIN
    allow_plain           BOOLEAN       NOT NULL,
    ca_certificates       VARCHAR(1024),                      -- a PEM file of trusted CAs; none: the JVM's CAs
    bind_dn               VARCHAR(1024) NOT NULL,
    bind_password_sealed  VARCHAR(4096),
    user_base_dn          VARCHAR(1024) NOT NULL,
    user_filter           VARCHAR(1024) NOT NULL,
    group_base_dn         VARCHAR(1024) NOT NULL,
    group_filter          VARCHAR(1024) NOT NULL,
    attribute_map         VARCHAR(2048) NOT NULL,             -- userName=sAMAccountName,email=mail,...
    membership_attribute  VARCHAR(128)  NOT NULL,             -- member (on groups) or memberOf (on users)
    sync_interval_minutes INTEGER       NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Where a user or group comes from: NULL for Gatehouse's own, 'ldap' for one the LDAP source brought in (read-only
-- in the admin pages and SCIM), with its DN as the source reference (source_ref; SCIM's externalId is the provisioning client's, V10).
ALTER TABLE users ADD COLUMN source VARCHAR(16);
ALTER TABLE users ADD COLUMN source_ref VARCHAR(1024);
ALTER TABLE user_groups ADD COLUMN source VARCHAR(16);
ALTER TABLE user_groups ADD COLUMN source_ref VARCHAR(1024);
CREATE INDEX users_by_source ON users(source);
CREATE INDEX user_groups_by_source ON user_groups(source);

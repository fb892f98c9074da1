-- SCIM's externalId (RFC 7643 §3.1) on users and groups: the provisioning client's own identifier for the
-- resource (Entra ID's object id, Okta's user id), stored as sent (case-exact, not unique) so the client can
-- look its resources up by it. Portable between H2 and PostgreSQL.
ALTER TABLE users ADD COLUMN external_id VARCHAR(256);
ALTER TABLE user_groups ADD COLUMN external_id VARCHAR(256);
CREATE INDEX users_by_external_id ON users(external_id);
CREATE INDEX user_groups_by_external_id ON user_groups(external_id);

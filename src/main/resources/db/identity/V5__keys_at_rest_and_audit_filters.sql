-- Keys at rest, key-set versions for stateless nodes, and indexes for the audit log's filters.
-- Portable between H2 (2.x) and PostgreSQL (15).

-- From now on signing_keys.private_key holds 'v1.' + base64(nonce || AES-256-GCM ciphertext) under the master
-- key; rows written before are sealed in place at the next start (SQL cannot encrypt). This row holds a fixed
-- text sealed under the master key, so a node started with another key stops at once with a clear message.
CREATE TABLE master_key_check (
    id           VARCHAR(16)  PRIMARY KEY,       -- always 'signing-keys'
    check_value  VARCHAR(256) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Bumped in the same transaction as any change to an application's keys, so every node sharing the database
-- can tell, with one primary-key read, that its cached keys are stale.
CREATE TABLE signing_key_sets (
    app_id   VARCHAR(40) PRIMARY KEY REFERENCES apps(id) ON DELETE CASCADE,
    version  BIGINT      NOT NULL
);
INSERT INTO signing_key_sets (app_id, version) SELECT DISTINCT app_id, 1 FROM signing_keys;

CREATE INDEX audit_events_by_actor ON audit_events(actor, at);
CREATE INDEX audit_events_by_target ON audit_events(target, at);
CREATE INDEX audit_events_by_type ON audit_events(event_type, at);

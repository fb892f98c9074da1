-- Sign-in attempts are reserved before the password is checked (issue 12): each attempt's rows carry the
-- attempt's id so a successful one can be taken back, and one row per counter key is locked (SELECT ... FOR
-- UPDATE) while an attempt is counted, so parallel attempts on any node are counted one after another.
ALTER TABLE sign_in_failures ADD COLUMN attempt_id VARCHAR(40);
CREATE INDEX sign_in_failures_by_attempt ON sign_in_failures(attempt_id);

CREATE TABLE sign_in_counters (
    counter_key  VARCHAR(200) PRIMARY KEY  -- as in sign_in_failures; the row exists only to be locked
);

-- Admin tokens act as the administrator who made them, and only while that user is an active administrator;
-- they also expire. Tokens made before this migration belong to the user whose name created them (none when
-- another token or the bootstrap token made them: those stop working) and expire 90 days after the upgrade.
ALTER TABLE admin_tokens ADD COLUMN owner_id VARCHAR(40);
ALTER TABLE admin_tokens ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
UPDATE admin_tokens SET owner_id = (SELECT u.id FROM users u WHERE u.user_name = admin_tokens.created_by);
UPDATE admin_tokens SET expires_at = CURRENT_TIMESTAMP + INTERVAL '90' DAY;
ALTER TABLE admin_tokens ALTER COLUMN expires_at SET NOT NULL;
CREATE INDEX admin_tokens_by_owner ON admin_tokens(owner_id);

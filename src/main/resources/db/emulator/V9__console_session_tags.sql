-- A federated console session's session tags, as a JSON object (at most 50 tags of 128 + 256 characters), so every
-- node sharing the database shows them (they were kept in memory on the node that signed in).
ALTER TABLE console_sessions ADD COLUMN session_tags VARCHAR(20000);

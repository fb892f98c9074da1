-- STS session tokens are kept only as their SHA-256 (hex), compared in constant time on each signed call; the
-- secret key stays, because verifying a SigV4 signature needs it.
-- Rows issued before this script held the token in clear. They are temporary credentials (at most 12 hours), so
-- they are dropped rather than hashed in SQL that H2 and PostgreSQL spell differently: a client holding one gets
-- InvalidClientTokenId and calls AssumeRoleWithSAML again.
DELETE FROM sts_session_credential;
ALTER TABLE sts_session_credential DROP COLUMN session_token;
ALTER TABLE sts_session_credential ADD COLUMN session_token_sha256 VARCHAR(64) NOT NULL;

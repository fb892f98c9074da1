-- How each session's user signed in (password, password+totp, password+recovery-code): assertions report it as
-- their AuthnContextClassRef. Sessions from before this column count as password-only.
ALTER TABLE web_sessions ADD COLUMN authn_method VARCHAR(64) DEFAULT 'password' NOT NULL;

-- What a temporary session carries into the evaluation of every later request (issue 13): the assumed role's ARN
-- with its path, and one JSON document with the session tags, transitive tag keys, saml:* keys and the session
-- policies (inline Policy and PolicyArns). Console sessions of a federated role keep the access key of the STS
-- session they were made from, so the console is evaluated with the same session.
ALTER TABLE sts_session_credential ADD COLUMN role_arn VARCHAR(2048);
ALTER TABLE sts_session_credential ADD COLUMN session_context VARCHAR(1000000);
ALTER TABLE console_sessions ADD COLUMN access_key_id VARCHAR(32);

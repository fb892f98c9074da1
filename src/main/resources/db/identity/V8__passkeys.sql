-- Passkeys (WebAuthn credentials, issue 17). One row per registered credential; a user may hold several. The
-- credential id and user handle are base64url text (credential ids are at most 1023 bytes by the specification),
-- the public key is the COSE_Key as the authenticator sent it. sign_count is the authenticator's counter:
-- a counter that does not increase (when either side is non-zero) marks a cloned authenticator and is refused.
CREATE TABLE passkeys (
    credential_id  VARCHAR(1400) PRIMARY KEY,
    user_id        VARCHAR(40)   NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    user_handle    VARCHAR(100)  NOT NULL,   -- the WebAuthn user.id: random, the same for all of a user's passkeys
    public_key     VARCHAR(4000) NOT NULL,   -- COSE_Key, base64url (text: portable between H2 and PostgreSQL)
    sign_count     BIGINT        NOT NULL,
    uv_initialized BOOLEAN       NOT NULL,   -- user verification was performed at registration
    transports     VARCHAR(200)  NOT NULL,   -- comma-separated AuthenticatorTransport values, possibly empty
    name           VARCHAR(100)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX passkeys_by_user ON passkeys(user_id);
CREATE INDEX passkeys_by_handle ON passkeys(user_handle);

-- Challenges handed to the browser for one registration or one sign-in: single use (taken with a DELETE),
-- short-lived. user_id is null for a passwordless sign-in, where the user is not known until the answer.
CREATE TABLE passkey_challenges (
    challenge   VARCHAR(100) PRIMARY KEY,   -- base64url of 32 random bytes
    purpose     VARCHAR(20)  NOT NULL,      -- REGISTER, SECOND_FACTOR or PASSWORDLESS
    user_id     VARCHAR(40)  REFERENCES users(id) ON DELETE CASCADE,
    user_handle VARCHAR(100),               -- for REGISTER: the user handle the new passkey will carry
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX passkey_challenges_by_expiry ON passkey_challenges(expires_at);

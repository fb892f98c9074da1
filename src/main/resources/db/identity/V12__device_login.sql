-- Command-line sign-in (issue 15): the OAuth 2.0 Device Authorization Grant (RFC 8628) for the public client
-- gatehouse-cli, and the tokens it ends in. Every code and token is stored only as its SHA-256.

-- One device authorization request, from POST /oauth2/device_authorization until it is used or expires.
CREATE TABLE device_grants (
    id               VARCHAR(40)  PRIMARY KEY,
    device_code_hash VARCHAR(64)  NOT NULL UNIQUE,
    user_code_hash   VARCHAR(64)  NOT NULL UNIQUE,
    client_id        VARCHAR(64)  NOT NULL,
    client_ip        VARCHAR(64)  NOT NULL,
    user_agent       VARCHAR(256) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    status           VARCHAR(16)  NOT NULL,      -- PENDING, APPROVED, DENIED, USED
    interval_seconds INT          NOT NULL,
    last_polled_at   TIMESTAMP WITH TIME ZONE,
    user_id          VARCHAR(40),                -- who approved or denied
    authn_instant    TIMESTAMP WITH TIME ZONE,   -- when that user signed in, for the assertions' AuthnInstant
    authn_method     VARCHAR(200)                -- how: the AuthnContextClassRef of that sign-in
);
CREATE INDEX device_grants_by_expiry ON device_grants(expires_at);

-- A device session: one approved sign-in of the CLI and its chain of rotated refresh tokens (the token family).
CREATE TABLE device_sessions (
    id             VARCHAR(40)  PRIMARY KEY,
    user_id        VARCHAR(40)  NOT NULL,
    client_id      VARCHAR(64)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_ip        VARCHAR(64)  NOT NULL,
    user_agent     VARCHAR(256) NOT NULL,
    authn_instant  TIMESTAMP WITH TIME ZONE NOT NULL,
    authn_method   VARCHAR(200) NOT NULL
);
CREATE INDEX device_sessions_by_user ON device_sessions(user_id);

-- Access and refresh tokens of a device session. A used (rotated) refresh token is kept with used_at set, so
-- presenting it again is recognised as reuse and ends the whole session.
CREATE TABLE device_tokens (
    token_hash  VARCHAR(64) PRIMARY KEY,
    session_id  VARCHAR(40) NOT NULL,
    kind        VARCHAR(8)  NOT NULL,            -- ACCESS or REFRESH
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX device_tokens_by_session ON device_tokens(session_id);

-- User-code guessing: failed code entries per signed-in user in a window, counted by one conditional UPDATE so
-- parallel guesses on any node are counted one after another.
CREATE TABLE device_code_failures (
    user_id       VARCHAR(40) PRIMARY KEY,
    window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    failures      INT NOT NULL
);

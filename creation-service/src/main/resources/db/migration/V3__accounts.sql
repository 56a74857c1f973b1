-- People sign in with a password and get a JWT; machines present an API token. One role each
-- (access/Roles): a person with two roles has two accounts, so every audit entry names one role.
CREATE TABLE users (
    username        TEXT PRIMARY KEY,
    password_hash   TEXT NOT NULL,   -- PasswordHash format: pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>
    role            TEXT NOT NULL,
    created_at_ms   BIGINT NOT NULL
);

-- Only the SHA-256 of a token is stored; the token itself is shown once, when it is created.
CREATE TABLE api_tokens (
    name            TEXT PRIMARY KEY,
    token_sha256    BYTEA NOT NULL UNIQUE,
    role            TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at_ms   BIGINT NOT NULL,
    revoked_at_ms   BIGINT
);

-- A person's account can be disabled, and its password changed (by the person, or reset by the
-- registry administrator). Either bumps credentials_version, and a session (JWT) carries the
-- version it was signed in at: a session of an older version, or of a disabled account, is refused.
ALTER TABLE users ADD COLUMN disabled_at_ms BIGINT;
ALTER TABLE users ADD COLUMN credentials_version INT NOT NULL DEFAULT 0;

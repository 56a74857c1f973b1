-- API tokens expire (at most a year after creation; 90 days unless asked). Tokens issued before
-- this migration get 90 days from now rather than ending at once.
ALTER TABLE api_tokens ADD COLUMN expires_at_ms BIGINT;
UPDATE api_tokens SET expires_at_ms = (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT + 90 * 86400000::BIGINT;
ALTER TABLE api_tokens ALTER COLUMN expires_at_ms SET NOT NULL;

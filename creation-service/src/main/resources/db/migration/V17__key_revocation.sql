-- A key can be revoked (issue 19): stolen or lost, so nothing signed with it and received from
-- revoked_at on counts, whatever time the reading carries (DeviceRegistry revoked-at). Unlike
-- valid_until (a rotation, judged by the readings' own time), a revocation is judged by receipt too.
ALTER TABLE device_keys ADD COLUMN revoked_at TIMESTAMPTZ;
ALTER TABLE device_keys ADD COLUMN revoked_by TEXT;
ALTER TABLE device_keys ADD COLUMN revocation_reason TEXT;

-- Readings the log holds that no longer count (issue 19): accepted by the job before a key's
-- revocation was known, signed with that key and stamped at or after its revocation time. Written
-- by the service when the revocation is recorded; the report treats each as flagged 'key_revoked',
-- a rule that voids (JcmSolarPv.VOIDING_RULES), so a period over them is restated. The job's own
-- quality_flags stay the job's.
CREATE TABLE voided_readings (
    device_id   TEXT   NOT NULL,
    seq         BIGINT NOT NULL,
    ts_ms       BIGINT NOT NULL,
    reason      TEXT   NOT NULL,
    PRIMARY KEY (device_id, seq)
);
CREATE INDEX voided_readings_device_time ON voided_readings (device_id, ts_ms);

-- Results of the stream job, read by the creation service. Every write is idempotent
-- (a replay after a restart writes the same rows again, never new ones).
--
-- Version 1 of the results schema (ResultsSchema runs it with Flyway, history in
-- results_schema_history). Its statements say IF NOT EXISTS because a database made before Flyway
-- owned these tables holds them already: it is baselined at version 0 and this runs over it.

-- Where each device's readings are in the Merkle log. The readings themselves (their signed
-- envelopes) are in the log's C2SP tlog-tiles directory; this table only finds them: one row per
-- device and UTC hour of reading time, the hour's readings as parallel arrays in log order. The
-- database grows with device-hours, not readings (LogIndex reads and writes it).
CREATE TABLE IF NOT EXISTS log_index (
    device_id           TEXT     NOT NULL,
    hour_start_ms       BIGINT   NOT NULL,
    first_seq           BIGINT   NOT NULL,   -- the least of seq
    last_seq            BIGINT   NOT NULL,   -- the greatest of seq
    leaf_index          BIGINT[] NOT NULL,   -- ascending
    seq                 BIGINT[] NOT NULL,
    ts_ms               BIGINT[] NOT NULL,
    energy_register_wh  BIGINT[] NOT NULL,
    PRIMARY KEY (device_id, hour_start_ms)
);
CREATE INDEX IF NOT EXISTS log_index_device_seq ON log_index (device_id, last_seq);

-- Energy per device per UTC hour of event time, from register deltas.
CREATE TABLE IF NOT EXISTS hourly_energy (
    device_id           TEXT   NOT NULL,
    hour_start_ms       BIGINT NOT NULL,
    readings            INT    NOT NULL,
    first_ts_ms         BIGINT NOT NULL,
    first_register_wh   BIGINT NOT NULL,
    last_ts_ms          BIGINT NOT NULL,
    last_register_wh    BIGINT NOT NULL,
    energy_wh           BIGINT NOT NULL,
    PRIMARY KEY (device_id, hour_start_ms)
);

-- The same per UTC quarter hour (register deltas, restated like the hours).
CREATE TABLE IF NOT EXISTS quarter_hour_energy (
    device_id           TEXT   NOT NULL,
    quarter_start_ms    BIGINT NOT NULL,
    readings            INT    NOT NULL,
    first_ts_ms         BIGINT NOT NULL,
    first_register_wh   BIGINT NOT NULL,
    last_ts_ms          BIGINT NOT NULL,
    last_register_wh    BIGINT NOT NULL,
    energy_wh           BIGINT NOT NULL,
    PRIMARY KEY (device_id, quarter_start_ms)
);

-- Log checkpoints and where they were anchored.
CREATE TABLE IF NOT EXISTS log_checkpoints (
    tree_size           BIGINT PRIMARY KEY,
    root                BYTEA  NOT NULL,
    contract_address    TEXT   NOT NULL,
    tx_hash             TEXT   NOT NULL,
    block_number        BIGINT NOT NULL,
    signed_note         TEXT   NOT NULL,   -- C2SP checkpoint signed by the log key
    previous_size       BIGINT NOT NULL,   -- the checkpoint before (0 for the first)
    proof               BYTEA  NOT NULL    -- RFC 9162 consistency proof from it, 32-byte nodes end to end
);

-- Quality rules a reading tripped (flagged, never deleted); see docs/QUALITY.md.
CREATE TABLE IF NOT EXISTS quality_flags (
    device_id           TEXT   NOT NULL,
    seq                 BIGINT NOT NULL,
    ts_ms               BIGINT NOT NULL,
    flags               TEXT   NOT NULL,
    PRIMARY KEY (device_id, seq)
);
CREATE INDEX IF NOT EXISTS quality_flags_device_time ON quality_flags (device_id, ts_ms);

-- Every message that did not become evidence, with its reason.
CREATE TABLE IF NOT EXISTS rejected_readings (
    envelope_sha256     BYTEA  NOT NULL,
    reason              TEXT   NOT NULL,
    device_id           TEXT   NOT NULL,
    seq                 BIGINT NOT NULL,
    detail              TEXT   NOT NULL,
    envelope            BYTEA  NOT NULL,
    PRIMARY KEY (envelope_sha256, reason)
);

-- Accepted readings that arrived after the watermark had closed their UTC hour: they are in the
-- Merkle log and in period totals (which come from registers), but the hour's row in hourly_energy
-- was written without them. Listed here so the hourly figures can be restated and the gap reported.
CREATE TABLE IF NOT EXISTS late_for_hourly_energy (
    device_id           TEXT   NOT NULL,
    seq                 BIGINT NOT NULL,
    ts_ms               BIGINT NOT NULL,
    hour_start_ms       BIGINT NOT NULL,
    energy_register_wh  BIGINT NOT NULL,
    PRIMARY KEY (device_id, seq)
);

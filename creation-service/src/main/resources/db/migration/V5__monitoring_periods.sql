-- Monitoring periods: closed by a project participant, verified by a TPE, issued by the registry.
-- Each period keeps every version of its report: late data makes a new version, never an edit.
CREATE TABLE monitoring_periods (
    project_id          TEXT NOT NULL REFERENCES projects (id),
    number              INT  NOT NULL,
    period_from         TIMESTAMPTZ NOT NULL,
    period_to           TIMESTAMPTZ NOT NULL CHECK (period_to > period_from),
    state               TEXT NOT NULL,
    chain_period_id     BIGINT,
    log_size            BIGINT NOT NULL,    -- the anchored checkpoint the claim rests on
    log_root            BYTEA  NOT NULL,
    first_serial        BIGINT,
    last_serial         BIGINT,
    PRIMARY KEY (project_id, number)
);

CREATE TABLE report_versions (
    project_id      TEXT NOT NULL,
    number          INT  NOT NULL,
    version         INT  NOT NULL,
    claim_text      TEXT NOT NULL,      -- MonitoringClaim.text(); its SHA-256 goes on chain
    claim_sha256    TEXT NOT NULL,
    report_json     TEXT NOT NULL,
    reason          TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at_ms   BIGINT NOT NULL,
    PRIMARY KEY (project_id, number, version),
    FOREIGN KEY (project_id, number) REFERENCES monitoring_periods (project_id, number)
);

-- Every sample a verifier drew: the seed is kept, so anyone redraws the same readings (ReadingSample).
CREATE TABLE period_samples (
    project_id      TEXT NOT NULL,
    number          INT  NOT NULL,
    seed            TEXT NOT NULL,
    size            INT  NOT NULL,
    leaf_indexes    TEXT NOT NULL,
    drawn_by        TEXT NOT NULL,
    drawn_at_ms     BIGINT NOT NULL,
    FOREIGN KEY (project_id, number) REFERENCES monitoring_periods (project_id, number)
);

CREATE TABLE verification_decisions (
    project_id      TEXT NOT NULL,
    number          INT  NOT NULL,
    version         INT  NOT NULL,
    approve         BOOLEAN NOT NULL,
    statement       TEXT NOT NULL,
    signature       TEXT NOT NULL,      -- the verifier's EIP-191 signature, hex, as the chain checked it
    decided_by      TEXT NOT NULL,
    decided_at_ms   BIGINT NOT NULL,
    PRIMARY KEY (project_id, number, version),
    FOREIGN KEY (project_id, number, version) REFERENCES report_versions (project_id, number, version)
);

-- The project's scheme and host country, and its cycle: each stage recorded once, in order, with
-- the document that evidences it (name and SHA-256; the document itself stays with its owner).
ALTER TABLE projects ADD COLUMN scheme TEXT NOT NULL DEFAULT 'JCM';
ALTER TABLE projects ADD COLUMN host_country TEXT;

CREATE TABLE project_cycle (
    project_id      TEXT NOT NULL REFERENCES projects (id),
    stage           TEXT NOT NULL,
    document_name   TEXT NOT NULL,
    document_sha256 TEXT NOT NULL,
    effective_on    DATE NOT NULL,
    recorded_by     TEXT NOT NULL,
    recorded_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (project_id, stage)
);

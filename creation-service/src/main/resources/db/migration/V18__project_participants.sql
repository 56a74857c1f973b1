-- One chain participant per project (issue 19). Each project's participant key is derived from the
-- service's participant secret and the project's key generation (ParticipantKeys); a project
-- without a row is at generation 0. A rotation (a key feared stolen) moves the project to the next
-- generation: the registrar points MonitoringRegistry.participantOf at the new address first, then
-- the row records it.
CREATE TABLE project_participants (
    project_id  TEXT PRIMARY KEY REFERENCES projects (id),
    generation  INT NOT NULL CHECK (generation >= 1),
    address     TEXT NOT NULL,
    rotated_at  TIMESTAMPTZ NOT NULL,
    rotated_by  TEXT NOT NULL,
    reason      TEXT NOT NULL
);

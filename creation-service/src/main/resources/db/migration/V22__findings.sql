-- The verifier's findings on a monitoring period (issue 20): corrective action requests (CAR),
-- clarification requests (CL) and forward action requests (FAR), each a thread of steps that is
-- only ever appended to. The period's decision cites them (PeriodWorkflow); an approval waits until
-- every CAR and CL is closed.
CREATE TABLE findings (
    project_id  TEXT NOT NULL,
    number      INT  NOT NULL,
    finding     INT  NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('CAR', 'CL', 'FAR')),
    state       TEXT NOT NULL CHECK (state IN ('OPEN', 'ANSWERED', 'CLOSED')),
    check_id    TEXT,               -- the checklist item it is about, if any
    PRIMARY KEY (project_id, number, finding),
    FOREIGN KEY (project_id, number) REFERENCES monitoring_periods (project_id, number)
);

CREATE TABLE finding_steps (
    project_id  TEXT   NOT NULL,
    number      INT    NOT NULL,
    finding     INT    NOT NULL,
    position    INT    NOT NULL,
    step        TEXT   NOT NULL CHECK (step IN ('RAISED', 'ANSWERED', 'REOPENED', 'CLOSED')),
    text        TEXT   NOT NULL,
    actor       TEXT   NOT NULL,
    at_ms       BIGINT NOT NULL,
    PRIMARY KEY (project_id, number, finding, position),
    FOREIGN KEY (project_id, number, finding) REFERENCES findings (project_id, number, finding)
);

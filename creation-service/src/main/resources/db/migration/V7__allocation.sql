-- How a project's credits are split (agreed by its participants), and per issuance what each
-- account received and the Paris Agreement Article 6.2 status of the credits.
CREATE TABLE allocation_plans (
    project_id          TEXT PRIMARY KEY REFERENCES projects (id),
    government_funded   BOOLEAN NOT NULL,
    shares_json         TEXT NOT NULL
);

CREATE TABLE issuance_allocations (
    project_id      TEXT NOT NULL,
    number          INT  NOT NULL,
    account         TEXT NOT NULL,
    party           TEXT NOT NULL,
    credits         BIGINT NOT NULL,
    first_serial    BIGINT NOT NULL,
    last_serial     BIGINT NOT NULL,
    PRIMARY KEY (project_id, number, account),
    FOREIGN KEY (project_id, number) REFERENCES monitoring_periods (project_id, number)
);

CREATE TABLE issuance_article6 (
    project_id                  TEXT NOT NULL,
    number                      INT  NOT NULL,
    authorization_ref           TEXT,
    corresponding_adjustment    TEXT NOT NULL,
    PRIMARY KEY (project_id, number),
    FOREIGN KEY (project_id, number) REFERENCES monitoring_periods (project_id, number)
);

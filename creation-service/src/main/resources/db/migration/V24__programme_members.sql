-- J-Credit programme-type projects: each member site's membership (programme.MemberSite). A site is in
-- at most one programme on any day (Programmes.enrol checks it under a table lock); a member's
-- devices join the project's devices when it enrols.
CREATE TABLE programme_members (
    project_id          TEXT NOT NULL REFERENCES projects (id),
    site_id             TEXT NOT NULL REFERENCES sites (id),
    consent_sha256      TEXT NOT NULL CHECK (consent_sha256 ~ '^[0-9a-f]{64}$'),
    eligibility_sha256  TEXT NOT NULL CHECK (eligibility_sha256 ~ '^[0-9a-f]{64}$'),
    joined_on           DATE NOT NULL,
    crediting_start_on  DATE NOT NULL CHECK (crediting_start_on >= joined_on),
    left_on             DATE CHECK (left_on IS NULL OR left_on > joined_on),
    data_source         TEXT NOT NULL,
    PRIMARY KEY (project_id, site_id, joined_on)
);
CREATE INDEX programme_members_site ON programme_members (site_id);

CREATE TABLE IF NOT EXISTS projects (
    id                          TEXT PRIMARY KEY,
    name                        TEXT NOT NULL,
    methodology                 TEXT NOT NULL,
    emission_factor_t_per_mwh   NUMERIC NOT NULL CHECK (emission_factor_t_per_mwh >= 0),
    description                 TEXT
);

CREATE TABLE IF NOT EXISTS project_devices (
    project_id  TEXT NOT NULL REFERENCES projects (id),
    device_id   TEXT NOT NULL,
    PRIMARY KEY (project_id, device_id)
);

-- J-Credit EN-R-002: the electricity emission factor of each Japanese fiscal year (April to March)
-- a project applies, registered with the project; a report uses the factor of its period's year.
CREATE TABLE IF NOT EXISTS project_emission_factors (
    project_id        TEXT    NOT NULL REFERENCES projects (id),
    fiscal_year       INT     NOT NULL,
    factor_t_per_mwh  NUMERIC NOT NULL CHECK (factor_t_per_mwh >= 0),
    PRIMARY KEY (project_id, fiscal_year)
);

-- Emission factors become dated, sourced data (issue 17): every factor a project applies is a row
-- with the days it is effective for (until is exclusive, NULL while nothing replaces it) and the
-- document it is taken from. It replaces the JCM factor column and the J-Credit fiscal-year table.
CREATE TABLE IF NOT EXISTS emission_factors (
    project_id        TEXT    NOT NULL REFERENCES projects (id),
    effective_from    DATE    NOT NULL,
    effective_until   DATE    CHECK (effective_until IS NULL OR effective_until > effective_from),
    factor_t_per_mwh  NUMERIC NOT NULL CHECK (factor_t_per_mwh >= 0),
    source            TEXT    NOT NULL CHECK (length(source) > 0),
    PRIMARY KEY (project_id, effective_from)
);

-- Projects registered before: their values stay, and say plainly that no source was recorded.
INSERT INTO emission_factors (project_id, effective_from, effective_until, factor_t_per_mwh, source)
SELECT project_id, make_date(fiscal_year, 4, 1), make_date(fiscal_year + 1, 4, 1), factor_t_per_mwh,
       'not recorded: registered before factors carried their source'
FROM project_emission_factors;

INSERT INTO emission_factors (project_id, effective_from, effective_until, factor_t_per_mwh, source)
SELECT id, DATE '2000-01-01', NULL, emission_factor_t_per_mwh, 'not recorded: registered before factors carried their source'
FROM projects
WHERE scheme IS DISTINCT FROM 'J-Credit';

DROP TABLE project_emission_factors;
ALTER TABLE projects DROP COLUMN emission_factor_t_per_mwh;

-- A methodology looks at every device at a project's sites (a battery there changes what may be
-- credited): find them by site without reading the whole table.
CREATE INDEX devices_by_site ON devices (site_id);

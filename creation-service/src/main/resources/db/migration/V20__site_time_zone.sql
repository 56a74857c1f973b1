-- A site's IANA time zone (issue 20: the pages speak the site's time). Optional: pages show UTC
-- for a site without one. Stored figures and intervals stay in UTC.
ALTER TABLE sites ADD COLUMN time_zone TEXT;

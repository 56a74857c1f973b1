-- A project's device list is fixed when it is created; its length is kept with the project so that
-- reading a project of thousands of devices is one row, not a count over project_devices.
ALTER TABLE projects ADD COLUMN IF NOT EXISTS device_count INT;
UPDATE projects p SET device_count = (SELECT count(*) FROM project_devices d WHERE d.project_id = p.id) WHERE device_count IS NULL;
ALTER TABLE projects ALTER COLUMN device_count SET NOT NULL;

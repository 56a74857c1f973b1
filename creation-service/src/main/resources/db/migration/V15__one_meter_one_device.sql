-- One physical meter is one device (issue 19): a meter serial belongs to at most one registered
-- device, so the same meter's readings cannot be claimed twice under two device ids. A registry
-- that already holds a serial twice stops here, naming it, for the operator to resolve.
DO $$
DECLARE
    twice RECORD;
BEGIN
    SELECT meter_serial, string_agg(id, ', ' ORDER BY id) AS ids INTO twice
    FROM devices GROUP BY meter_serial HAVING count(*) > 1 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'meter serial % is registered to devices %: one meter is one device; correct the registry before upgrading',
            twice.meter_serial, twice.ids;
    END IF;
END $$;

CREATE UNIQUE INDEX devices_meter_serial ON devices (meter_serial);

-- A meter replaced behind a device: the old meter's final reading (by the device's sequence number;
-- the new meter's first is the next) and both serials. The device's meter_serial is the new one from
-- then on; energy is summed per meter across the replacement (JcmSolarPv.energyPerMeter).
CREATE TABLE meter_replacements (
    device_id       TEXT NOT NULL REFERENCES devices (id),
    final_sequence  BIGINT NOT NULL CHECK (final_sequence >= 0),
    old_serial      TEXT NOT NULL,
    new_serial      TEXT NOT NULL CHECK (new_serial <> old_serial),
    recorded_by     TEXT NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, final_sequence)
);

-- The registry: sites, the devices at them (behind which gateway, what meter), the keys that may
-- sign for each device and when, and each meter's calibration certificates.
CREATE TABLE sites (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    latitude        DOUBLE PRECISION NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude       DOUBLE PRECISION NOT NULL CHECK (longitude BETWEEN -180 AND 180)
);

CREATE TABLE devices (
    id              TEXT PRIMARY KEY,
    site_id         TEXT NOT NULL REFERENCES sites (id),
    gateway_id      TEXT NOT NULL,
    kind            TEXT NOT NULL,
    meter_serial    TEXT NOT NULL,
    nameplate_w     BIGINT NOT NULL CHECK (nameplate_w > 0),
    accuracy_class  TEXT NOT NULL
);

-- A device may have several keys; during a rotation their validity overlaps (DeviceRegistry).
CREATE TABLE device_keys (
    device_id       TEXT NOT NULL REFERENCES devices (id),
    algorithm       TEXT NOT NULL,
    public_key      BYTEA NOT NULL,
    valid_from      TIMESTAMPTZ,
    valid_until     TIMESTAMPTZ,
    PRIMARY KEY (device_id, public_key)
);

CREATE TABLE calibrations (
    device_id       TEXT NOT NULL REFERENCES devices (id),
    certificate_id  TEXT NOT NULL,
    issuer          TEXT NOT NULL,
    calibrated_on   DATE NOT NULL,
    valid_until     DATE NOT NULL CHECK (valid_until > calibrated_on),
    document_sha256 TEXT,
    PRIMARY KEY (device_id, certificate_id)
);

-- Every change the service makes, append-only and hash-chained: entry n's hash covers entry n-1's
-- hash, so removing, reordering or editing any entry breaks every hash after it (AuditLog.verify).
CREATE TABLE audit_log (
    seq             BIGINT PRIMARY KEY,
    at_ms           BIGINT NOT NULL,
    actor           TEXT   NOT NULL,
    action          TEXT   NOT NULL,
    subject         TEXT   NOT NULL,
    details         TEXT   NOT NULL,
    previous_hash   BYTEA  NOT NULL,
    hash            BYTEA  NOT NULL
);

-- Offline decisions the server disagrees with (docs/PROTOCOL.md section 14), for staff to acknowledge.
-- No foreign keys: an item must outlive a removed member, and it names the member as the scan did.
CREATE TABLE review_items (
    id                TEXT PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('ADMITTED', 'REFUSED')),
    reason            TEXT NOT NULL,
    message           TEXT NOT NULL,
    membership_number TEXT,
    member_id         TEXT,
    member_name       TEXT,
    offline_verdict   TEXT NOT NULL,
    roster_version    BIGINT,
    occurred_at       BIGINT NOT NULL,
    location          TEXT NOT NULL,
    check_in_id       TEXT,
    client_request_id TEXT NOT NULL UNIQUE,
    created_at        BIGINT NOT NULL,
    created_by        TEXT,
    acknowledged_at   BIGINT,
    acknowledged_by   TEXT,
    note              TEXT
);
CREATE INDEX review_items_newest ON review_items (occurred_at);
-- A flagged visit has exactly one item; history joins on it.
CREATE UNIQUE INDEX review_items_visit ON review_items (check_in_id) WHERE check_in_id IS NOT NULL;

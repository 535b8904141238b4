-- The member roster every desk and kiosk copies (docs/PROTOCOL.md section 14). One counter, bumped by every
-- member change in the change's own transaction; the change's rows carry the version it got, so a client asks
-- for "everything after V". The counter row is also the lock that makes member changes commit in version order.
CREATE TABLE roster_state (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    version        BIGINT NOT NULL,
    -- Removals up to this version were pruned: a client behind it must take the whole roster again.
    pruned_through BIGINT NOT NULL
);
INSERT INTO roster_state (id, version, pruned_through) VALUES (1, 1, 0);

ALTER TABLE members ADD COLUMN roster_version BIGINT NOT NULL DEFAULT 0;
-- A removed member keeps its row (its visits stay) but leaves search, check-in and the roster.
ALTER TABLE members ADD COLUMN removed_at BIGINT;
UPDATE members SET roster_version = 1;
CREATE INDEX members_roster_version ON members (roster_version);

-- Tombstones: which number left the roster at which version, kept 30 days for clients' deltas.
CREATE TABLE roster_removals (
    member_id         TEXT PRIMARY KEY REFERENCES members (id),
    membership_number TEXT NOT NULL,
    version           BIGINT NOT NULL,
    removed_at        BIGINT NOT NULL
);
CREATE INDEX roster_removals_version ON roster_removals (version);

-- The roster reads every member's photo ETag. In member_photos the etag column comes after the JPEG, so reading it
-- from the table would walk each photo's bytes (SQLite keeps a row's columns in order); this index holds both
-- columns the roster needs, and the photos stay unread.
CREATE INDEX member_photos_etag ON member_photos (member_id, etag);

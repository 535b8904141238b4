-- A member's photo: one 256x256 JPEG re-encoded by the server, so both engines store the same bytes.
-- BYTEA is PostgreSQL's binary type; SQLite accepts the name and keeps the bytes as a BLOB.
-- The etag is derived from the bytes when they are stored, so a GET never hashes the image.
CREATE TABLE member_photos (
    member_id  TEXT PRIMARY KEY REFERENCES members (id),
    jpeg       BYTEA NOT NULL,
    etag       TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT
);

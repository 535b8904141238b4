-- Refresh rotation with a reuse interval: a rotated token presented again within 30 s, while its successor
-- is unused, gets that successor pair again. No token is stored: the pair is signed again from these ids and
-- the successor's issued_at (HS256 over the same claims gives the same string), so without the signing key,
-- which lives in the data dir and never in the database, a copy of this table yields no usable token.
ALTER TABLE refresh_tokens ADD COLUMN successor_jti TEXT;
ALTER TABLE refresh_tokens ADD COLUMN access_jti TEXT;

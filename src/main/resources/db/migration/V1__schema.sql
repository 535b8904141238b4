-- One schema for SQLite and PostgreSQL: portable types only. Times are epoch milliseconds (BIGINT),
-- dates are ISO 'YYYY-MM-DD' text, so both engines compare them the same way.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'trainer', 'member')),
    full_name     TEXT NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    BIGINT NOT NULL
);

CREATE TABLE members (
    id                TEXT PRIMARY KEY,
    membership_number TEXT NOT NULL UNIQUE,
    full_name         TEXT NOT NULL,
    phone             TEXT,
    status            TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
    notes             TEXT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX members_full_name ON members (full_name);

CREATE TABLE plans (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    price_cents   BIGINT NOT NULL,
    duration_days INTEGER NOT NULL
);

CREATE TABLE subscriptions (
    id         TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES members (id),
    plan_id    TEXT NOT NULL REFERENCES plans (id),
    start_date TEXT NOT NULL,
    end_date   TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('active', 'expired', 'cancelled'))
);
CREATE INDEX subscriptions_member ON subscriptions (member_id, end_date);

CREATE TABLE check_ins (
    id             TEXT PRIMARY KEY,
    member_id      TEXT NOT NULL REFERENCES members (id),
    check_in_time  BIGINT NOT NULL,
    check_out_time BIGINT,
    location       TEXT NOT NULL,
    notes          TEXT,
    auto_closed    BOOLEAN NOT NULL DEFAULT FALSE,
    created_by     TEXT
);
CREATE INDEX check_ins_time ON check_ins (check_in_time);
-- The database, not the code, guarantees at most one open visit per member.
CREATE UNIQUE INDEX check_ins_one_open ON check_ins (member_id) WHERE check_out_time IS NULL;

-- A sign-in session: the chain of rotated refresh tokens. Revoking it ends every token in it.
CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE refresh_tokens (
    jti        TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id),
    issued_at  BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);

-- At most one result per clientRequestId: the stored answer is replayed for a repeat.
CREATE TABLE processed_requests (
    client_request_id TEXT PRIMARY KEY,
    command           TEXT NOT NULL,
    http_status       INTEGER NOT NULL,
    response          TEXT NOT NULL,
    created_at        BIGINT NOT NULL
);

-- Every broadcast, written in the same transaction as the change it records.
CREATE TABLE events (
    seq        BIGINT PRIMARY KEY,
    type       TEXT NOT NULL,
    payload    TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

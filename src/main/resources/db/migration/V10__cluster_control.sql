-- Issue 12: what the nodes of a chain share besides the data (docs/PROTOCOL.md "Sign-in throttling", "Socket slots").

-- Sign-in throttle counts, one row per key ("u:" username, "a:" address, "p:" pair), read and written under one
-- transaction-scoped advisory lock so N nodes allow the guesses of one. pending_since lets a count held by an attempt
-- on a node that died run out instead of blocking the name for ever.
CREATE TABLE signin_throttle (
    throttle_key  TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    pending       INTEGER NOT NULL,
    pending_since BIGINT,
    last_failure  BIGINT,
    locked_until  BIGINT
);

-- One row per socket slot a user holds on some node (an accepted upgrade or an open socket). The holding node renews
-- expires_at while the socket lives; a dead node's leases expire and stop counting.
CREATE TABLE socket_leases (
    id         TEXT PRIMARY KEY,
    node_id    TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX socket_leases_user ON socket_leases (user_id, expires_at);
CREATE INDEX socket_leases_node ON socket_leases (node_id);

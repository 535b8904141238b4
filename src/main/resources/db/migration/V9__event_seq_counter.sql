-- The cluster's one event counter (issue 12): a write takes its seqs from this row inside its own
-- transaction, so two server processes on one PostgreSQL never collide and the row lock, held to
-- commit, makes commits happen in seq order (no gap a reader could see and later find filled).
CREATE TABLE event_seq (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    last BIGINT NOT NULL
);
INSERT INTO event_seq (id, last) SELECT 1, COALESCE(MAX(seq), 0) FROM events;

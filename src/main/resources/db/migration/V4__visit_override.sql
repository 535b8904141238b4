-- A visit let in despite an expired membership or an inactive account records why and who decided
-- (docs/PROTOCOL.md, check_in "override"). Both null on an ordinary visit.
ALTER TABLE check_ins ADD COLUMN override_reason TEXT;
ALTER TABLE check_ins ADD COLUMN override_by TEXT;

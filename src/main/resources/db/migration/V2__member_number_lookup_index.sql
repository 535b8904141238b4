-- Every scan looks a member up by UPPER(membership_number) (scanners and people type either case);
-- without this expression index that lookup scans the whole members table. SQLite and PostgreSQL both
-- support indexes on expressions.
CREATE INDEX members_number_upper ON members (UPPER(membership_number));

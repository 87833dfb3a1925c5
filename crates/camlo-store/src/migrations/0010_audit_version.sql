-- Audit records say which layout their hash covers: 1 for records written before the
-- length-prefixed layout (they keep verifying as written), 2 from now on.

ALTER TABLE audit_log ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- Legal documents follow the workflow kernel: a change of state is written only if the row
-- still has the revision it was read at (the transition table is checked against that state).

ALTER TABLE legal_documents ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;

-- Competence routing and the one-stop desk's legal rules.
-- units.function: what a unit does (`tu-phap`, `kinh-te-ha-tang`, `cong-an`…), how a procedure
-- version names its competent unit per level; units.phone is printed on the one-stop forms.
-- procedures.competent_json: the competent unit's function per level (JSON list).
-- dossiers: the restart after a supplement is its own time (received_at stays the original
-- reception); who proposed (the approver must be someone else); when completion and supplement
-- were asked for (each at most once).

ALTER TABLE units ADD COLUMN function TEXT;
ALTER TABLE units ADD COLUMN phone TEXT;
ALTER TABLE procedures ADD COLUMN competent_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE dossiers ADD COLUMN restarted_at BIGINT;
ALTER TABLE dossiers ADD COLUMN proposer_id BIGINT;
ALTER TABLE dossiers ADD COLUMN completion_requested_at BIGINT;
ALTER TABLE dossiers ADD COLUMN supplement_requested_at BIGINT;
-- The desk searches applicants by name without diacritics (folded in Rust at every write;
-- rows written before this migration are folded at start by `dossiers::fold_names`).
ALTER TABLE dossiers ADD COLUMN applicant_folded TEXT;
CREATE INDEX dossiers_desk ON dossiers (current_unit_id, state, due_at);

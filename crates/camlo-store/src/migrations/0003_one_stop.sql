-- One-stop shop: procedure versions, dossiers, their events and files, per-agency daily
-- sequences for dossier codes, and idempotency keys.

CREATE TABLE procedures (
    id {id},
    code TEXT NOT NULL,
    version BIGINT NOT NULL,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    sector TEXT NOT NULL,
    levels TEXT NOT NULL,
    agency TEXT NOT NULL,
    legal_time_unit TEXT NOT NULL,
    legal_time_value BIGINT NOT NULL,
    fees TEXT NOT NULL,
    documents_json TEXT NOT NULL,
    result TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    online TEXT NOT NULL,
    steps_json TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX procedures_code_version ON procedures (code, version);
CREATE INDEX procedures_sector ON procedures (sector);

CREATE TABLE dossiers (
    id {id},
    code TEXT,
    procedure_id BIGINT NOT NULL REFERENCES procedures (id),
    receiving_unit_id BIGINT NOT NULL REFERENCES units (id),
    current_unit_id BIGINT NOT NULL REFERENCES units (id),
    applicant_account_id BIGINT REFERENCES accounts (id),
    applicant_name TEXT NOT NULL,
    applicant_address TEXT NOT NULL,
    applicant_phone TEXT,
    applicant_email TEXT,
    applicant_cccd TEXT,
    channel TEXT NOT NULL,
    state TEXT NOT NULL,
    revision BIGINT NOT NULL,
    assignee_id BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    submitted_at BIGINT,
    received_at BIGINT,
    due_at BIGINT,
    calendar_fingerprint TEXT,
    finished_at BIGINT,
    returned_at BIGINT,
    lookup_secret TEXT,
    result_note TEXT,
    rule_profile TEXT NOT NULL,
    idempotency_key TEXT,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX dossiers_code ON dossiers (code);
CREATE UNIQUE INDEX dossiers_idempotency ON dossiers (applicant_account_id, idempotency_key);
CREATE INDEX dossiers_state_due ON dossiers (state, due_at);
CREATE INDEX dossiers_unit ON dossiers (current_unit_id, state);
CREATE INDEX dossiers_applicant ON dossiers (applicant_account_id);

CREATE TABLE dossier_events (
    id {id},
    dossier_id BIGINT NOT NULL REFERENCES dossiers (id),
    at BIGINT NOT NULL,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    note TEXT,
    due_at BIGINT
);
CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id);

CREATE TABLE dossier_files (
    id {id},
    dossier_id BIGINT NOT NULL REFERENCES dossiers (id),
    document_index BIGINT,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    purpose TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX dossier_files_dossier ON dossier_files (dossier_id);

CREATE TABLE dossier_code_seq (
    agency TEXT NOT NULL,
    day TEXT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (agency, day)
)

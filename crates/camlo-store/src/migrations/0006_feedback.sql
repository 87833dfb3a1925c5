-- Citizen feedback and questions (phản ánh, kiến nghị, hỏi đáp): the items, their history, a
-- daily sequence for the PAKN-YYMMDD-XXXX codes, and the per-client submission counter.
-- Flags are nullable timestamps (consent_at, published_at, rejected_at), never BOOLEAN.

CREATE TABLE feedback (
    id {id},
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    submitted_unit_id BIGINT NOT NULL REFERENCES units (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    asker_name TEXT NOT NULL,
    contact_phone TEXT,
    contact_email TEXT,
    consent_at BIGINT,
    state TEXT NOT NULL,
    revision BIGINT NOT NULL,
    answer TEXT,
    answered_by BIGINT REFERENCES accounts (id),
    answered_at BIGINT,
    published_at BIGINT,
    rejected_at BIGINT,
    reject_reason TEXT,
    idempotency_key TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX feedback_code ON feedback (code);
CREATE UNIQUE INDEX feedback_idempotency ON feedback (idempotency_key);
CREATE INDEX feedback_unit_state ON feedback (unit_id, state);
CREATE INDEX feedback_published ON feedback (published_at);

CREATE TABLE feedback_events (
    id {id},
    feedback_id BIGINT NOT NULL REFERENCES feedback (id),
    at BIGINT NOT NULL,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    from_unit_id BIGINT,
    to_unit_id BIGINT,
    note TEXT
);
CREATE INDEX feedback_events_feedback ON feedback_events (feedback_id);

CREATE TABLE feedback_code_seq (
    day TEXT PRIMARY KEY,
    last BIGINT NOT NULL
);

CREATE TABLE feedback_throttle (
    client_key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL
)

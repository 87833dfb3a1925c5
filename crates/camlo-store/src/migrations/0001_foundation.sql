-- Foundation: units, accounts, grants, sessions, login throttle, audit chain, holiday years.
-- Times are BIGINT seconds since the epoch (UTC) unless named *_us (microseconds);
-- dates are TEXT 'YYYY-MM-DD'. No BOOLEAN: flags are nullable timestamps.

CREATE TABLE units (
    id {id},
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id BIGINT REFERENCES units (id),
    slug TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX units_slug ON units (slug);
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX units_code ON units (code);

CREATE TABLE unit_links (
    id {id},
    from_id BIGINT NOT NULL REFERENCES units (id),
    to_id BIGINT NOT NULL REFERENCES units (id),
    kind TEXT NOT NULL,
    effective_on TEXT NOT NULL
);
CREATE INDEX unit_links_from ON unit_links (from_id);
CREATE INDEX unit_links_to ON unit_links (to_id);

CREATE TABLE accounts (
    id {id},
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    audience TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    cccd TEXT,
    position TEXT,
    language TEXT NOT NULL,
    totp_secret TEXT,
    totp_enabled_at BIGINT,
    totp_last_step BIGINT,
    disabled_at BIGINT,
    created_at BIGINT NOT NULL,
    password_changed_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX accounts_username ON accounts (username);

CREATE TABLE grants (
    id {id},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    role TEXT NOT NULL,
    unit_id BIGINT REFERENCES units (id),
    granted_at BIGINT NOT NULL,
    granted_by BIGINT
);
CREATE UNIQUE INDEX grants_unique ON grants (account_id, role, unit_id);
CREATE INDEX grants_unit ON grants (unit_id);

CREATE TABLE sessions (
    id {id},
    token_hash TEXT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    audience TEXT NOT NULL,
    stage TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_active_at BIGINT NOT NULL,
    idle_expires_at BIGINT NOT NULL,
    absolute_expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_reason TEXT,
    user_agent TEXT NOT NULL,
    client_addr TEXT NOT NULL
);
CREATE UNIQUE INDEX sessions_token ON sessions (token_hash);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE login_throttle (
    throttle_key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    first_failure_at BIGINT NOT NULL,
    locked_until BIGINT
);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at_us BIGINT NOT NULL,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    role TEXT,
    unit_id BIGINT,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    outcome TEXT NOT NULL,
    request_id TEXT NOT NULL,
    client_addr TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_action ON audit_log (action);

CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE holiday_years (
    year BIGINT PRIMARY KEY,
    rules_json TEXT NOT NULL,
    decision TEXT,
    confirmed_at BIGINT NOT NULL,
    confirmed_by BIGINT
)

-- One table for every limit (sign-in failures, second-factor failures, registrations, lookups,
-- feedback, comments, probes of scoped records): a fixed-window counter per (bucket, subject).
-- Subjects derived from a client address are keyed hashes (the address itself is never stored
-- here). Replaces login_throttle and feedback_throttle; counters are transient, none is moved.
CREATE TABLE rate_limits (
    bucket TEXT NOT NULL,
    subject TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (bucket, subject)
);
CREATE INDEX rate_limits_window ON rate_limits (window_start);
DROP TABLE login_throttle;
DROP TABLE feedback_throttle;

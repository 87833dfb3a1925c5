-- Office hours per unit (giờ làm việc), as JSON produced by camlo-calendar's OfficeHours.
-- A unit without a row inherits from its nearest ancestor, else the default (Mon–Fri,
-- 07:30–11:30 and 13:30–17:00, same-day cut-off 15:00).

CREATE TABLE office_hours (
    unit_id BIGINT PRIMARY KEY REFERENCES units (id),
    hours_json TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT
)

-- Schema version 5: intake talks, how a programme plans them, and its closed days.

-- How a programme plans its intakes; a missing row means Klik's defaults.
CREATE TABLE intake_setting (
    programme_id     INTEGER PRIMARY KEY REFERENCES programme (id) ON DELETE CASCADE,
    minutes          INTEGER NOT NULL CHECK (minutes BETWEEN 15 AND 480),
    day_start        INTEGER NOT NULL CHECK (day_start BETWEEN 0 AND 1439),
    day_end          INTEGER NOT NULL CHECK (day_end BETWEEN 1 AND 1440),
    max_per_day      INTEGER NOT NULL CHECK (max_per_day BETWEEN 1 AND 12),
    -- Weekdays without talks as digits, 1 = Monday … 7 = Sunday ('67': weekends).
    closed_weekdays  TEXT NOT NULL CHECK (closed_weekdays NOT GLOB '*[^1-7]*'),
    location         TEXT NOT NULL CHECK (length(location) <= 500),
    organiser_name   TEXT NOT NULL CHECK (length(organiser_name) <= 200),
    organiser_email  TEXT NOT NULL CHECK (length(organiser_email) <= 254),
    CHECK (day_end > day_start)
) STRICT;

-- Days without intakes: public holidays and the organisation's own closing days.
CREATE TABLE closed_day (
    programme_id  INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    day           TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    label         TEXT NOT NULL CHECK (length(label) <= 200),
    PRIMARY KEY (programme_id, day)
) STRICT, WITHOUT ROWID;

-- One intake talk of a match. A match can have several: a second talk when
-- the first ended "not sure yet", or a talk moved after a cancellation.
-- Times are local (Europe/Brussels), 'YYYY-MM-DD HH:MM:SS'.
CREATE TABLE intake (
    id              INTEGER PRIMARY KEY,
    match_id        INTEGER NOT NULL REFERENCES match_pair (id) ON DELETE CASCADE,
    -- Stable for the talk's whole life, so calendars update the same event.
    uid             TEXT NOT NULL UNIQUE,
    -- One more after every change that calendars must pick up.
    sequence        INTEGER NOT NULL CHECK (sequence >= 0),
    starts_at       TEXT NOT NULL,
    minutes         INTEGER NOT NULL CHECK (minutes BETWEEN 15 AND 480),
    location        TEXT NOT NULL CHECK (length(location) <= 500),
    status          TEXT NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
    outcome         TEXT CHECK (outcome IN ('klik', 'unsure', 'no')),
    outcome_reason  TEXT CHECK (outcome_reason IS NULL OR length(outcome_reason) <= 1000),
    outcome_at      TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((status = 'held') = (outcome IS NOT NULL AND outcome_at IS NOT NULL))
) STRICT;
CREATE INDEX intake_match ON intake (match_id);
CREATE INDEX intake_start ON intake (starts_at);
-- A match has at most one talk still to come.
CREATE UNIQUE INDEX intake_one_planned ON intake (match_id) WHERE status = 'planned';

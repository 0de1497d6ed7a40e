-- Schema version 6: the trajectory of a pair after the klik: meetings,
-- progress on the agreement's learning goals, check-ins, and the settings
-- that say when a pair needs the coordinator's attention.

-- A programme's check-in moments and attention thresholds; a missing row
-- means Klik's defaults.
CREATE TABLE trajectory_setting (
    programme_id            INTEGER PRIMARY KEY REFERENCES programme (id) ON DELETE CASCADE,
    -- A confirmed match without a planned intake after this many days.
    intake_wait_days        INTEGER NOT NULL CHECK (intake_wait_days BETWEEN 1 AND 365),
    -- An agreement not signed this many days after the klik.
    signature_wait_days     INTEGER NOT NULL CHECK (signature_wait_days BETWEEN 1 AND 365),
    -- A goal without progress for this many days.
    goal_quiet_days         INTEGER NOT NULL CHECK (goal_quiet_days BETWEEN 7 AND 730),
    -- A pair whose agreement ends within this many days.
    ending_days             INTEGER NOT NULL CHECK (ending_days BETWEEN 1 AND 180),
    -- Check-in moments: after this many meetings (0 = not), halfway, at the end.
    checkin_after_meetings  INTEGER NOT NULL CHECK (checkin_after_meetings BETWEEN 0 AND 50),
    checkin_halfway         INTEGER NOT NULL CHECK (checkin_halfway IN (0, 1)),
    checkin_end             INTEGER NOT NULL CHECK (checkin_end IN (0, 1))
) STRICT;

-- One meeting of a pair, held or cancelled.
CREATE TABLE meeting (
    id          INTEGER PRIMARY KEY,
    match_id    INTEGER NOT NULL REFERENCES match_pair (id) ON DELETE CASCADE,
    held_on     TEXT NOT NULL CHECK (date(held_on) = held_on),
    minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 480),
    status      TEXT NOT NULL CHECK (status IN ('held', 'cancelled')),
    topics      TEXT NOT NULL DEFAULT '' CHECK (length(topics) <= 1000),
    notes       TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    next_steps  TEXT NOT NULL DEFAULT '' CHECK (length(next_steps) <= 2000),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_match ON meeting (match_id, held_on);

-- Where one learning goal stood on a day. Goals are numbered as in the
-- match's current agreement; the goal's text is kept as it was, so the
-- history stays readable when a later version rewords it.
CREATE TABLE goal_progress (
    id           INTEGER PRIMARY KEY,
    match_id     INTEGER NOT NULL REFERENCES match_pair (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position BETWEEN 1 AND 5),
    goal         TEXT NOT NULL CHECK (length(goal) <= 5000),
    recorded_on  TEXT NOT NULL CHECK (date(recorded_on) = recorded_on),
    state        TEXT NOT NULL CHECK (state IN ('not_started', 'in_progress', 'achieved', 'dropped')),
    percent      INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX goal_progress_match ON goal_progress (match_id, position, recorded_on);

-- What the mentor or the mentee said at a check-in.
CREATE TABLE checkin (
    id            INTEGER PRIMARY KEY,
    match_id      INTEGER NOT NULL REFERENCES match_pair (id) ON DELETE CASCADE,
    moment        TEXT NOT NULL CHECK (moment IN ('after_meetings', 'halfway', 'end', 'other')),
    held_on       TEXT NOT NULL CHECK (date(held_on) = held_on),
    role          TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
    satisfaction  INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
    fit           TEXT NOT NULL CHECK (fit IN ('good', 'deciding', 'poor')),
    comment       TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX checkin_match ON checkin (match_id, held_on);

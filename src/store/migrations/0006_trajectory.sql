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

-- A supporting workshop of a programme. The UID stays the same for the
-- workshop's life and SEQUENCE goes up with every change, so calendars
-- update the event.
CREATE TABLE workshop (
    id            INTEGER PRIMARY KEY,
    programme_id  INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    uid           TEXT NOT NULL UNIQUE,
    sequence      INTEGER NOT NULL CHECK (sequence >= 0),
    title         TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
    starts_at     TEXT NOT NULL,
    minutes       INTEGER NOT NULL CHECK (minutes BETWEEN 15 AND 600),
    location      TEXT NOT NULL DEFAULT '' CHECK (length(location) <= 500),
    audience      TEXT NOT NULL CHECK (audience IN ('mentors', 'mentees', 'all')),
    trainer       TEXT NOT NULL DEFAULT '' CHECK (length(trainer) <= 200),
    required      INTEGER NOT NULL CHECK (required IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX workshop_programme ON workshop (programme_id, starts_at);

-- Who came to a workshop; no row means attendance is not registered yet.
CREATE TABLE workshop_attendance (
    workshop_id     INTEGER NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
    participant_id  INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    attended        INTEGER NOT NULL CHECK (attended IN (0, 1)),
    PRIMARY KEY (workshop_id, participant_id)
) STRICT, WITHOUT ROWID;

-- The closing evaluation: the programme's questions (a score from 1 to 5
-- or an open answer) and each participant's answers.
CREATE TABLE evaluation_question (
    programme_id  INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position BETWEEN 1 AND 20),
    text          TEXT NOT NULL CHECK (length(trim(text)) BETWEEN 1 AND 500),
    kind          TEXT NOT NULL CHECK (kind IN ('scale', 'open')),
    PRIMARY KEY (programme_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE evaluation_answer (
    programme_id    INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    participant_id  INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    score           INTEGER CHECK (score BETWEEN 1 AND 5),
    text            TEXT NOT NULL DEFAULT '' CHECK (length(text) <= 2000),
    PRIMARY KEY (programme_id, position, participant_id),
    FOREIGN KEY (programme_id, position) REFERENCES evaluation_question (programme_id, position)
        ON DELETE CASCADE,
    CHECK (score IS NOT NULL OR text <> '')
) STRICT, WITHOUT ROWID;

-- A closed programme: its pairs are completed or dissolved for good, and it
-- sits in the archive, readable and reportable.
ALTER TABLE programme ADD COLUMN closed_at TEXT;

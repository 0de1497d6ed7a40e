-- Schema version 4: mentoring agreements, their learning goals, and the
-- officer's default texts per programme.

-- A programme's own default text for one part of the agreement; a missing
-- row means Klik's default in the programme's language.
CREATE TABLE agreement_default (
    programme_id  INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    field         TEXT NOT NULL CHECK (length(field) BETWEEN 1 AND 40),
    text          TEXT NOT NULL CHECK (length(text) <= 5000),
    PRIMARY KEY (programme_id, field)
) STRICT, WITHOUT ROWID;

-- One version of the agreement of a match. Signing freezes a version;
-- changing a signed agreement adds the next version and keeps the old one.
CREATE TABLE agreement (
    id                       INTEGER PRIMARY KEY,
    match_id                 INTEGER NOT NULL REFERENCES match_pair (id) ON DELETE CASCADE,
    version                  INTEGER NOT NULL CHECK (version >= 1),
    status                   TEXT NOT NULL CHECK (status IN ('draft', 'ready', 'signed')),
    start_date               TEXT NOT NULL,
    end_date                 TEXT NOT NULL,
    meeting_frequency        TEXT NOT NULL DEFAULT '' CHECK (length(meeting_frequency) <= 5000),
    meeting_duration         TEXT NOT NULL DEFAULT '' CHECK (length(meeting_duration) <= 5000),
    place                    TEXT NOT NULL DEFAULT '' CHECK (length(place) <= 5000),
    initiative               TEXT NOT NULL DEFAULT '' CHECK (length(initiative) <= 5000),
    cancellation             TEXT NOT NULL DEFAULT '' CHECK (length(cancellation) <= 5000),
    between_meetings         TEXT NOT NULL DEFAULT '' CHECK (length(between_meetings) <= 5000),
    confidentiality          TEXT NOT NULL DEFAULT '' CHECK (length(confidentiality) <= 5000),
    mentor_responsibilities  TEXT NOT NULL DEFAULT '' CHECK (length(mentor_responsibilities) <= 5000),
    mentee_responsibilities  TEXT NOT NULL DEFAULT '' CHECK (length(mentee_responsibilities) <= 5000),
    ending_early             TEXT NOT NULL DEFAULT '' CHECK (length(ending_early) <= 5000),
    coordinator              TEXT NOT NULL DEFAULT '' CHECK (length(coordinator) <= 5000),
    mentee_signed_on         TEXT,
    mentor_signed_on         TEXT,
    coordinator_signed_on    TEXT,
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL,
    UNIQUE (match_id, version),
    CHECK (end_date >= start_date),
    CHECK ((status = 'signed') = (mentee_signed_on IS NOT NULL AND mentor_signed_on IS NOT NULL
                                  AND coordinator_signed_on IS NOT NULL))
) STRICT;

-- The learning goals of one agreement version, 1 to 5, each SMART.
CREATE TABLE agreement_goal (
    agreement_id   INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL CHECK (position BETWEEN 1 AND 5),
    what           TEXT NOT NULL CHECK (length(what) BETWEEN 1 AND 5000),
    success        TEXT NOT NULL DEFAULT '' CHECK (length(success) <= 5000),
    target_date    TEXT,
    first_actions  TEXT NOT NULL DEFAULT '' CHECK (length(first_actions) <= 5000),
    PRIMARY KEY (agreement_id, position)
) STRICT, WITHOUT ROWID;

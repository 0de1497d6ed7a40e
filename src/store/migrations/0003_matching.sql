-- Schema version 3: matching. Wishes about partners, the programme's scoring
-- criteria, the officer's decisions on the proposal, and the matches themselves.

-- Whom a participant would rather not be matched with ('avoid', a hard rule) or
-- would like as mentor ('prefer', a bonus). Kept by e-mail so a file may name
-- someone listed further down, and so the wish survives that person's re-import.
CREATE TABLE participant_preference (
    participant_id  INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('avoid', 'prefer')),
    email           TEXT NOT NULL COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254),
    PRIMARY KEY (participant_id, kind, email)
) STRICT, WITHOUT ROWID;

-- A programme's weight for one scoring criterion; a missing row means the default.
CREATE TABLE matching_criterion (
    programme_id  INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    criterion     TEXT NOT NULL CHECK (criterion IN
                  ('topics', 'language', 'location', 'seniority', 'availability', 'department', 'preference')),
    weight        TEXT NOT NULL CHECK (weight IN ('off', 'low', 'medium', 'high', 'must')),
    parameter     INTEGER CHECK (parameter BETWEEN 0 AND 10000),
    PRIMARY KEY (programme_id, criterion)
) STRICT, WITHOUT ROWID;

-- The officer's decision on a proposed pair: accepted and locked pairs are kept
-- when the proposal is run again, rejected pairs are never proposed again.
-- `kept` records that the officer keeps a pair although a later edit broke a rule.
CREATE TABLE match_decision (
    mentee_id   INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    mentor_id   INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    decision    TEXT NOT NULL CHECK (decision IN ('accept', 'lock', 'reject')),
    kept        INTEGER NOT NULL DEFAULT 0 CHECK (kept IN (0, 1)),
    decided_at  TEXT NOT NULL,
    PRIMARY KEY (mentee_id, mentor_id),
    CHECK (mentee_id <> mentor_id)
) STRICT, WITHOUT ROWID;
-- A mentee has at most one pair that is accepted or locked.
CREATE UNIQUE INDEX match_decision_one_fixed ON match_decision (mentee_id)
    WHERE decision IN ('accept', 'lock');

-- A match between a mentee and a mentor of one programme ("match" is an SQL keyword).
-- Dissolving keeps the row with its reason and date: the history stays.
CREATE TABLE match_pair (
    id               INTEGER PRIMARY KEY,
    programme_id     INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    mentee_id        INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    mentor_id        INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    score            INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    status           TEXT NOT NULL CHECK (status IN
                     ('confirmed', 'intake_planned', 'active', 'completed', 'dissolved')),
    confirmed_at     TEXT NOT NULL,
    dissolved_at     TEXT,
    dissolve_reason  TEXT CHECK (dissolve_reason IS NULL OR length(dissolve_reason) <= 1000),
    updated_at       TEXT NOT NULL,
    CHECK (mentee_id <> mentor_id),
    CHECK ((status = 'dissolved') = (dissolved_at IS NOT NULL AND dissolve_reason IS NOT NULL))
) STRICT;
-- A mentee has at most one match that is not dissolved in a programme.
CREATE UNIQUE INDEX match_pair_one_open ON match_pair (mentee_id) WHERE status <> 'dissolved';
CREATE INDEX match_pair_programme ON match_pair (programme_id, status);
CREATE INDEX match_pair_mentor ON match_pair (mentor_id);

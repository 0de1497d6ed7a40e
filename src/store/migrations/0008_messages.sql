-- Schema version 8: the messages the coordinator writes to people. A
-- programme may word each moment its own way (no row: Klik's wording in the
-- programme's language), and the officer ticks which messages went out.

CREATE TABLE message_text (
    programme_id  INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN
                  ('invitation', 'announcement', 'intake', 'agreement', 'reminder', 'thanks')),
    subject       TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    body          TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (programme_id, kind)
) STRICT, WITHOUT ROWID;

-- A message ticked as sent: per pair for the moments about a pair, once
-- per programme for the others (match_id NULL).
CREATE TABLE message_sent (
    programme_id  INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN
                  ('invitation', 'announcement', 'intake', 'agreement', 'reminder', 'thanks')),
    match_id      INTEGER REFERENCES match_pair (id) ON DELETE CASCADE,
    sent_at       TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX message_sent_once ON message_sent (programme_id, kind, coalesce(match_id, 0));

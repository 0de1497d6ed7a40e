-- Schema version 1: the organisation, its settings, programmes and their phases.
-- Dates are ISO text (YYYY-MM-DD); moments are ISO text in local time (YYYY-MM-DDTHH:MM:SS).

-- The one organisation this database belongs to.
CREATE TABLE organisation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 200),
    logo        BLOB CHECK (logo IS NULL OR length(logo) <= 2097152),
    logo_type   TEXT CHECK (logo_type IN ('image/png', 'image/jpeg')),
    CHECK ((logo IS NULL) = (logo_type IS NULL))
) STRICT;
INSERT INTO organisation (id) VALUES (1);

-- Small preferences of the app, such as the interface language.
CREATE TABLE setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;

CREATE TABLE programme (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
    purpose            TEXT NOT NULL DEFAULT '' CHECK (length(purpose) <= 5000),
    goals              TEXT NOT NULL DEFAULT '' CHECK (length(goals) <= 5000),
    context            TEXT NOT NULL DEFAULT '' CHECK (length(context) <= 5000),
    start_date         TEXT NOT NULL CHECK (date(start_date) = start_date),
    end_date           TEXT NOT NULL CHECK (date(end_date) = end_date),
    cadence_weeks      INTEGER NOT NULL CHECK (cadence_weeks BETWEEN 1 AND 12),
    default_capacity   INTEGER NOT NULL CHECK (default_capacity BETWEEN 1 AND 20),
    document_language  TEXT NOT NULL CHECK (length(document_language) BETWEEN 2 AND 8),
    archived_at        TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (end_date > start_date)
) STRICT;

-- The five phases of a programme, each with its own dates inside the programme's.
CREATE TABLE phase (
    programme_id  INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('preparation', 'matching', 'intake', 'trajectory', 'closing')),
    start_date    TEXT NOT NULL CHECK (date(start_date) = start_date),
    end_date      TEXT NOT NULL CHECK (date(end_date) = end_date),
    PRIMARY KEY (programme_id, kind),
    CHECK (end_date >= start_date)
) STRICT;

-- Schema version 2: people, their participation in programmes, topics and weekly availability.

-- A person, known by e-mail across programmes and years.
CREATE TABLE person (
    id                INTEGER PRIMARY KEY,
    email             TEXT NOT NULL UNIQUE COLLATE NOCASE
                      CHECK (length(email) BETWEEN 3 AND 254 AND instr(email, '@') > 1),
    first_name        TEXT NOT NULL CHECK (length(trim(first_name)) BETWEEN 1 AND 100),
    last_name         TEXT NOT NULL CHECK (length(trim(last_name)) BETWEEN 1 AND 100),
    phone             TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 50),
    department        TEXT NOT NULL DEFAULT '' CHECK (length(department) <= 100),
    job_title         TEXT NOT NULL DEFAULT '' CHECK (length(job_title) <= 100),
    manager_id        INTEGER REFERENCES person (id) ON DELETE SET NULL,
    location          TEXT NOT NULL DEFAULT '' CHECK (length(location) <= 100),
    -- Language codes, sorted and comma-separated ('en,nl'): always read and compared whole.
    languages         TEXT NOT NULL DEFAULT '' CHECK (languages NOT GLOB '*[^a-z,]*'),
    years_experience  INTEGER CHECK (years_experience BETWEEN 0 AND 70),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (manager_id IS NULL OR manager_id <> id)
) STRICT;
CREATE INDEX person_manager ON person (manager_id);

-- A person's part in one programme: mentor or mentee, never both in the same programme.
CREATE TABLE participant (
    id             INTEGER PRIMARY KEY,
    programme_id   INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    role           TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
    capacity       INTEGER CHECK (capacity BETWEEN 1 AND 20),
    learning_goal  TEXT NOT NULL DEFAULT '' CHECK (length(learning_goal) <= 5000),
    status         TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'accepted', 'withdrawn')),
    notes          TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (programme_id, person_id),
    CHECK (role = 'mentor' OR capacity IS NULL)
) STRICT;
CREATE INDEX participant_person ON participant (person_id);

-- The programme's list of topics: expertise mentors offer, learning wishes mentees have.
CREATE TABLE topic (
    id            INTEGER PRIMARY KEY,
    programme_id  INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    name          TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 80),
    UNIQUE (programme_id, name)
) STRICT;

CREATE TABLE participant_topic (
    participant_id  INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    topic_id        INTEGER NOT NULL REFERENCES topic (id) ON DELETE CASCADE,
    PRIMARY KEY (participant_id, topic_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX participant_topic_topic ON participant_topic (topic_id);

-- Weekly availability: day 1 (Monday) to 7 (Sunday), minutes since midnight.
CREATE TABLE availability (
    participant_id  INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    weekday         INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute    INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute      INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    PRIMARY KEY (participant_id, weekday, start_minute),
    CHECK (end_minute > start_minute)
) STRICT, WITHOUT ROWID;

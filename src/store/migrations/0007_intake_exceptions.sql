-- A talk set by hand against the planning rules says which rules it breaks,
-- so that every list and printout can show it was forced knowingly:
-- 'closed' (a closed day), 'hours' (outside the working hours),
-- 'availability' (outside either person's weekly availability), comma-separated.
ALTER TABLE intake ADD COLUMN exceptions TEXT NOT NULL DEFAULT ''
    CHECK (exceptions NOT GLOB '*[^a-z,]*');

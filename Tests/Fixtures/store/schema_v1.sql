-- A store as Myotrace wrote it with schema v1 (before analysis labels, assessments and rating
-- scores), with a little data, for the migration test (Tests/MyoStoreTests/MigrationTests.swift).
-- Load it into an empty SQLite file (sqlite3 old.sqlite < schema_v1.sql), then open it with the
-- current Myotrace: the store migrates to the current schema and keeps every row.
-- Times are seconds since 1970 of the wall-clock time; days are days since 1970-01-01.
BEGIN;
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO grdb_migrations VALUES ('v1');
CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL,
    intake_json TEXT,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE recording (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    format TEXT NOT NULL,
    start_time REAL,
    start_day INTEGER,
    duration_s REAL NOT NULL,
    channels_json TEXT NOT NULL,
    byte_count INTEGER NOT NULL,
    imported_at REAL NOT NULL
);
CREATE INDEX recording_person_day ON recording(person_id, start_day);
CREATE INDEX recording_person_time ON recording(person_id, start_time);
CREATE TABLE analysis (
    id INTEGER PRIMARY KEY,
    recording_id INTEGER NOT NULL REFERENCES recording(id) ON DELETE CASCADE,
    settings_json TEXT NOT NULL,
    settings_hash TEXT NOT NULL,
    version TEXT NOT NULL,
    created_at REAL NOT NULL,
    analysable_s REAL NOT NULL,
    event_count INTEGER NOT NULL,
    positive_count INTEGER NOT NULL,
    negative_count INTEGER NOT NULL,
    summary_json TEXT NOT NULL,
    UNIQUE (recording_id, settings_hash, version)
);
CREATE TABLE event (
    id INTEGER PRIMARY KEY,
    analysis_id INTEGER NOT NULL REFERENCES analysis(id) ON DELETE CASCADE,
    onset_s REAL NOT NULL,
    offset_s REAL NOT NULL,
    polarity TEXT NOT NULL CHECK (polarity IN ('positive', 'negative')),
    channels TEXT NOT NULL,
    peak REAL NOT NULL,
    intensity REAL NOT NULL,
    confidence REAL NOT NULL
);
CREATE INDEX event_analysis ON event(analysis_id);
CREATE TABLE diary_entry (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    time REAL NOT NULL,
    day INTEGER NOT NULL,
    body_part TEXT NOT NULL,
    intensity INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
    trigger_text TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL
);
CREATE INDEX diary_person_day ON diary_entry(person_id, day);
CREATE TABLE treatment (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('medicine', 'botulinum_toxin', 'stimulation', 'other')),
    name TEXT NOT NULL,
    dose TEXT NOT NULL DEFAULT '',
    settings TEXT NOT NULL DEFAULT '',
    start_time REAL NOT NULL,
    stop_time REAL,
    note TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    CHECK (stop_time IS NULL OR stop_time >= start_time)
);
CREATE INDEX treatment_person ON treatment(person_id, start_time);

INSERT INTO person (id, code, created_at, intake_json, note) VALUES (1, 'P001', 1793523600, '{"age": 54, "where": ["right arm"]}', 'enrolled');
INSERT INTO recording (id, person_id, content_hash, file_name, format, start_time, start_day, duration_s, channels_json, byte_count, imported_at)
    VALUES (1, 1, 'abababababababababababababababababababababababababababababababab', 'clinic_visit.edf', 'EDF+', 1793610000, 20759, 600.0, '[]', 123456, 1793613600);
INSERT INTO analysis (id, recording_id, settings_json, settings_hash, version, created_at, analysable_s, event_count, positive_count, negative_count, summary_json)
    VALUES (1, 1, '{}', 'cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd', '0.1.0', 1793613600, 600.0, 3, 2, 1, '{"count": 3}');
INSERT INTO event (analysis_id, onset_s, offset_s, polarity, channels, peak, intensity, confidence) VALUES
    (1, 12.5, 12.56, 'positive', 'EMG', 80.0, 6.5, 0.9),
    (1, 40.25, 40.3, 'positive', 'EMG', 95.0, 7.1, 0.95),
    (1, 300.0, 300.12, 'negative', 'EMG', 2.0, 0.8, 0.7);
INSERT INTO diary_entry (person_id, time, day, body_part, intensity, trigger_text, note, created_at)
    VALUES (1, 1793602800, 20759, 'right arm', 6, 'reaching', '', 1793610000);
INSERT INTO treatment (person_id, kind, name, dose, settings, start_time, stop_time, note, created_at)
    VALUES (1, 'medicine', 'clonazepam', '0.5 mg at night', '', 1793696400, NULL, '', 1793696400);
COMMIT;

import GRDB

/// The store's schema as versioned migrations, in portable SQL.
///
/// Why portable: a PostgreSQL backend should follow without rewriting the layers above, so the
/// tables use only INTEGER, REAL and TEXT columns, `INTEGER PRIMARY KEY` ids (PostgreSQL:
/// `BIGINT GENERATED ALWAYS AS IDENTITY`), foreign keys with `ON DELETE CASCADE`, CHECK
/// constraints and plain indexes; no SQLite date or JSON functions. Times are seconds since
/// 1970 (REAL) of the wall-clock time, as ``Recording/start`` keeps them, and each dated row
/// also stores its day number (days since 1970-01-01, INTEGER), computed when written, so that
/// grouping by day needs no date function in either database. JSON (intake answers,
/// assessments, settings, summaries) is TEXT, validated before it is written (PostgreSQL may use
/// JSONB). `docs/store.md` gives the full mapping.
///
/// Migrations are append-only: a released one is never edited; a change is a new one.
public enum StoreSchema {
    /// The identifiers of every migration, oldest first. The last is the current schema.
    public static let versions = ["v1", "v2"]

    /// The migrator that brings any older store up to the current schema.
    public static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in try db.execute(sql: v1) }
        m.registerMigration("v2") { db in try db.execute(sql: v2) }
        return m
    }

    /// The first schema: people, recordings, analyses with per-recording counts, events, the
    /// diary and treatments.
    static let v1 = """
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
        """

    /// Analyses get a label (re-analyses with other settings are told apart by it; older rows
    /// are labelled from their version), and the store keeps assessments and rating-scale scores.
    static let v2 = """
        ALTER TABLE analysis ADD COLUMN label TEXT NOT NULL DEFAULT '';
        UPDATE analysis SET label = 'myotrace ' || version;
        CREATE TABLE assessment (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            time REAL NOT NULL,
            result_json TEXT NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE INDEX assessment_person ON assessment(person_id, time);
        CREATE TABLE rating_score (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            time REAL NOT NULL,
            scale TEXT NOT NULL,
            score REAL NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL
        );
        CREATE INDEX rating_person ON rating_score(person_id, time);
        """
}

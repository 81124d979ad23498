import Foundation
import GRDB

/// The embedded store: one SQLite file (through GRDB) that remembers every recording analysed,
/// every diary entry, treatment, assessment and rating for the people Myotrace follows.
///
/// Safety: the file is in write-ahead-log mode and every write (an import, a diary entry, a
/// deletion) is one transaction, so a crash or a kill at any moment leaves the store as it was
/// before or after that write, never half-written. `synchronous = NORMAL`: a committed write
/// survives a crash or kill of the program; a power cut may lose the last writes but never
/// corrupts the file. Opening migrates an older store to the current schema (``StoreSchema``).
///
/// A `Store` is one connection, serialised by GRDB, and is safe to share between tasks.
public final class Store: Sendable {
    /// The file's path.
    public let path: String
    let queue: DatabaseQueue

    /// Opens the store at `path`, creating it (and its folder) if needed, and migrates it.
    /// Throws ``StoreError/notAStore(file:reason:)`` for a file that is not a Myotrace store or
    /// comes from a newer Myotrace.
    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw StoreError.cannotWrite(file: folder, reason: error.localizedDescription)
            }
        }
        var config = Configuration()
        config.journalMode = .wal
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Deleted rows are overwritten with zeros, so a deleted person's data leaves the file.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw Self.openingError(error, path: path)
        } catch {
            throw StoreError.database(file: path, reason: "\(error)")
        }
        try Self.migrate(queue, path: path)
    }

    static func migrate(_ writer: DatabaseQueue, path: String) throws {
        let migrator = StoreSchema.migrator
        do {
            let superseded = try writer.read { db in
                try db.tableExists("grdb_migrations") ? try migrator.hasBeenSuperseded(db) : false
            }
            if superseded {
                throw StoreError.notAStore(file: path, reason: "it was written by a newer Myotrace (schema after \(StoreSchema.versions.last ?? ""))")
            }
            let isForeign = try writer.read { db in
                try !db.tableExists("grdb_migrations") && (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0) > 0
            }
            if isForeign { throw StoreError.notAStore(file: path, reason: "an SQLite file with other tables") }
            try migrator.migrate(writer)
        } catch let error as DatabaseError {
            throw openingError(error, path: path)
        }
    }

    static func openingError(_ error: DatabaseError, path: String) -> StoreError {
        if error.resultCode == .SQLITE_NOTADB {
            return .notAStore(file: path, reason: "not an SQLite database")
        }
        return .database(file: path, reason: error.message ?? "\(error.resultCode)")
    }

    /// The migrations applied to this store, oldest first (`["v1", "v2"]` when current).
    public func schemaVersions() throws -> [String] {
        try read { db in try StoreSchema.migrator.appliedMigrations(db) }
    }

    /// The journal mode SQLite reports (`wal`).
    public func journalMode() throws -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    // MARK: - Transactions with typed errors

    /// Runs `body` in one write transaction; SQLite errors become ``StoreError/database(file:reason:)``.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.write(body)
        } catch let error as DatabaseError {
            throw StoreError.database(file: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Runs `body` in one read transaction.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw StoreError.database(file: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    // MARK: - People

    /// Adds a person by pseudonymous code; `intakeJSON` (the answers of `assess`) must be JSON.
    public func addPerson(code: String, intakeJSON: String? = nil, note: String = "", now: Date = WallClock.now()) throws -> Person {
        try Person.validate(code: code)
        if let intakeJSON { try JSONText.validate(intakeJSON, field: "intake") }
        return try write { db in
            if try Self.personID(db, code: code) != nil { throw StoreError.personExists(code) }
            try db.execute(sql: "INSERT INTO person (code, created_at, intake_json, note) VALUES (?, ?, ?, ?)",
                           arguments: [code, now.timeIntervalSince1970, intakeJSON, note])
            return Person(id: db.lastInsertedRowID, code: code, createdAt: now, intakeJSON: intakeJSON, note: note)
        }
    }

    /// Replaces a person's intake answers (JSON text, validated).
    public func setIntake(code: String, json: String) throws {
        try JSONText.validate(json, field: "intake")
        try write { db in
            let id = try Self.requirePerson(db, code: code)
            try db.execute(sql: "UPDATE person SET intake_json = ? WHERE id = ?", arguments: [json, id])
        }
    }

    /// The person with this code; throws ``StoreError/unknownPerson(_:)``.
    public func person(code: String) throws -> Person {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, code, created_at, intake_json, note FROM person WHERE code = ?",
                                             arguments: [code]) else { throw StoreError.unknownPerson(code) }
            return Self.person(row)
        }
    }

    /// Every person with what the store holds about them, by code.
    /// Complexity: one aggregate query per table, over indexes.
    public func people() throws -> [PersonOverview] {
        let codes = try read { db in try String.fetchAll(db, sql: "SELECT code FROM person ORDER BY code") }
        return try codes.map { try overview(code: $0) }
    }

    /// One person with counts of recordings, analyses, events, diary entries and treatments.
    public func overview(code: String) throws -> PersonOverview {
        try read { db in
            let id = try Self.requirePerson(db, code: code)
            guard let row = try Row.fetchOne(db, sql: "SELECT id, code, created_at, intake_json, note FROM person WHERE id = ?", arguments: [id]) else {
                throw StoreError.unknownPerson(code)
            }
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [id]) ?? 0 }
            let latest = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, SUM(a.event_count) AS events, SUM(a.analysable_s) AS seconds,
                       MIN(r.start_time) AS first, MAX(r.start_time) AS last
                FROM recording r JOIN analysis a ON a.recording_id = r.id
                WHERE r.person_id = ? AND a.id = (SELECT MAX(a2.id) FROM analysis a2 WHERE a2.recording_id = r.id)
                """, arguments: [id])
            return PersonOverview(
                person: Self.person(row),
                recordings: try count("SELECT COUNT(*) FROM recording WHERE person_id = ?"),
                analyses: try count("SELECT COUNT(*) FROM analysis a JOIN recording r ON r.id = a.recording_id WHERE r.person_id = ?"),
                events: latest?["events"] ?? 0,
                analysableHours: ((latest?["seconds"] as Double?) ?? 0) / 3600,
                diaryEntries: try count("SELECT COUNT(*) FROM diary_entry WHERE person_id = ?"),
                treatments: try count("SELECT COUNT(*) FROM treatment WHERE person_id = ?"),
                assessments: try count("SELECT COUNT(*) FROM assessment WHERE person_id = ?"),
                ratings: try count("SELECT COUNT(*) FROM rating_score WHERE person_id = ?"),
                firstRecording: (latest?["first"] as Double?).map { Date(timeIntervalSince1970: $0) },
                lastRecording: (latest?["last"] as Double?).map { Date(timeIntervalSince1970: $0) })
        }
    }

    /// Deletes a person and everything about them (recordings, analyses, events, diary,
    /// treatments, assessments, ratings), then scrubs the file: deleted pages are zeroed
    /// (`secure_delete`), the write-ahead log is emptied and the file rebuilt (`VACUUM`), so
    /// the data cannot be recovered from it. Complexity: O(size of the store) for the rebuild.
    public func deletePerson(code: String) throws {
        try write { db in
            let id = try Self.requirePerson(db, code: code)
            try db.execute(sql: "DELETE FROM person WHERE id = ?", arguments: [id])
        }
        do {
            try queue.writeWithoutTransaction { db in
                try db.checkpoint(.truncate)
                try db.execute(sql: "VACUUM")
                try db.checkpoint(.truncate)
            }
        } catch let error as DatabaseError {
            throw StoreError.database(file: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    // MARK: - Backup and restore

    /// Writes a consistent, compact copy of the whole store to `destination` (which must not
    /// exist), while the store stays usable. The copy is a store of its own.
    public func backup(to destination: String) throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw StoreError.cannotWrite(file: destination, reason: "it exists already")
        }
        do {
            try queue.vacuum(into: destination)
        } catch let error as DatabaseError {
            throw StoreError.cannotWrite(file: destination, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Replaces the whole content of this store with the backup at `source`, in one step, then
    /// migrates it if the backup is older. The backup is checked first (an SQLite file with the
    /// store's tables), so a wrong file leaves the store untouched.
    public func restore(from source: String) throws {
        guard FileManager.default.fileExists(atPath: source) else {
            throw StoreError.cannotRead(file: source, reason: "no such file")
        }
        var config = Configuration()
        config.readonly = true
        let backup: DatabaseQueue
        do {
            backup = try DatabaseQueue(path: source, configuration: config)
            let ok = try backup.read { db in
                try db.tableExists("grdb_migrations") && db.tableExists("person") && db.tableExists("recording")
            }
            guard ok else { throw StoreError.notAStore(file: source, reason: "it has no Myotrace tables") }
            if try backup.read({ db in try StoreSchema.migrator.hasBeenSuperseded(db) }) {
                throw StoreError.notAStore(file: source, reason: "it was written by a newer Myotrace")
            }
            try backup.backup(to: queue)
        } catch let error as DatabaseError {
            throw Self.openingError(error, path: source)
        }
        try Self.migrate(queue, path: path)
    }

    // MARK: - Rows

    static func personID(_ db: Database, code: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE code = ?", arguments: [code])
    }

    static func requirePerson(_ db: Database, code: String) throws -> Int64 {
        guard let id = try personID(db, code: code) else { throw StoreError.unknownPerson(code) }
        return id
    }

    static func person(_ row: Row) -> Person {
        Person(id: row["id"], code: row["code"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
               intakeJSON: row["intake_json"], note: row["note"])
    }
}

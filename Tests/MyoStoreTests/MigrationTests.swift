import Foundation
import GRDB
import MyoTestSupport
import Testing
@testable import MyoStore

@Suite("Migrations")
struct MigrationTests {
    static let fixture = SharedData.repoPath("Tests/Fixtures/store/schema_v1.sql")

    /// The tables and indexes of a database, as SQLite keeps their SQL, whitespace-normalised.
    static func schema(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'grdb%' ORDER BY name")
            .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    }

    @Test("A v1 store (committed SQL fixture) migrates to the current schema and keeps every row")
    func migratesV1() throws {
        let dir = try StoreTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        let sql = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        let old = try DatabaseQueue(path: path)
        try old.writeWithoutTransaction { db in try db.execute(sql: sql) }
        try old.close()

        let store = try Store(path: path)
        #expect(try store.schemaVersions() == ["v1", "v2"])
        #expect(try store.journalMode() == "wal")
        let counts = try StoreTestSupport.counts(store)
        #expect(counts == ["person": 1, "recording": 1, "analysis": 1, "event": 3, "diary_entry": 1, "treatment": 1,
                           "assessment": 0, "rating_score": 0])
        #expect(try store.read { db in try String.fetchOne(db, sql: "SELECT label FROM analysis") } == "myotrace 0.1.0")
        #expect(try store.person(code: "P001").intakeJSON?.contains("right arm") == true)
        #expect(try store.trend(person: "P001").days.first?.events == 3)
        // The new tables work on the migrated store.
        try store.addRating(person: "P001", RatingScore(time: StoreTestSupport.time(day: 5), scale: .connAsterixis, score: 1),
                            now: StoreTestSupport.time(day: 6))
        #expect(try store.ratings(person: "P001").count == 1)
    }

    @Test("The fixture's tables are exactly what migration v1 creates")
    func fixtureMatchesMigration() throws {
        let fromFixture = try DatabaseQueue()
        try fromFixture.writeWithoutTransaction { db in try db.execute(sql: try String(contentsOfFile: Self.fixture, encoding: .utf8)) }
        let fromMigration = try DatabaseQueue()
        try StoreSchema.migrator.migrate(fromMigration, upTo: "v1")
        #expect(try fromFixture.read(Self.schema) == fromMigration.read(Self.schema))
    }

    @Test("A store from a newer Myotrace, or a foreign SQLite file, is refused and left alone")
    func refusesNewerAndForeign() throws {
        let dir = try StoreTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let newer = dir.appendingPathComponent("newer.sqlite").path
        _ = try Store(path: newer)
        let q = try DatabaseQueue(path: newer)
        try q.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99')") }
        try q.close()
        #expect(throws: StoreError.self) { _ = try Store(path: newer) }

        let foreign = dir.appendingPathComponent("foreign.sqlite").path
        let f = try DatabaseQueue(path: foreign)
        try f.write { db in try db.execute(sql: "CREATE TABLE notes (x TEXT)") }
        try f.close()
        #expect(throws: StoreError.self) { _ = try Store(path: foreign) }
    }
}

import Foundation
import Testing

/// The store's commands on a real store file, through the real `myotrace` binary.
@Suite("myotrace person, import, diary, treatment, trend, db")
struct StoreCommandTests {
    /// Runs `myotrace` with the store in `db` (through MYOTRACE_DB, as a user would set it).
    static func run(_ arguments: [String], db: String, environment extra: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(arguments, environment: extra.merging(["MYOTRACE_DB": db]) { _, db in db })
    }

    static func json(_ r: CLI.Result) throws -> [String: Any] {
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    /// `person show --json`'s overview counts.
    static func overview(_ db: String, _ person: String = "P001") throws -> [String: Any] {
        try #require(try json(try run(["person", "show", person, "--json"], db: db))["overview"] as? [String: Any])
    }

    @Test("Import twice stores once; --param keeps both analyses; a bad file is reported and the rest go on")
    func importAndDuplicates() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        #expect(try Self.run(["person", "add", "P001"], db: db).status == 0)
        let first = try Self.run(["import", "P001", "Package.swift", CLI.sample], db: db)
        #expect(first.status == 1, "a failed file makes the exit status 1")
        #expect(first.stderr.contains("Package.swift") && first.stdout.contains("stored"))
        let events = try #require(try Self.overview(db)["events"] as? Int)
        #expect(events > 0)

        let again = try Self.run(["import", "P001", CLI.sample], db: db)
        #expect(again.status == 0 && again.stdout.contains("already stored"))
        var o = try Self.overview(db)
        #expect(o["recordings"] as? Int == 1 && o["analyses"] as? Int == 1 && o["events"] as? Int == events)

        let reanalysed = try Self.run(["import", "P001", CLI.sample, "--param", "emg.maximumBurstDuration=0.25", "--json"], db: db)
        let outcome = try Self.json(reanalysed)
        #expect((outcome["status"] as? String)?.contains("maximumBurstDuration=0.25") == true)
        o = try Self.overview(db)
        #expect(o["recordings"] as? Int == 1 && o["analyses"] as? Int == 2)

        let unknown = try Self.run(["import", "NOBODY", CLI.sample], db: db)
        #expect(unknown.status == 1 && unknown.stderr.contains("NOBODY"))
    }

    @Test("Bad input: unknown person, diary in the future or intensity 11, a treatment stopping before it starts")
    func badInput() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        #expect(try Self.run(["person", "add", "P001"], db: db).status == 0)
        let cases: [([String], String)] = [
            (["diary", "add", "NOBODY", "--body-part", "arm", "--intensity", "3"], "NOBODY"),
            (["diary", "add", "P001", "--body-part", "arm", "--intensity", "11"], "0 to 10"),
            (["diary", "add", "P001", "--body-part", "arm", "--intensity", "3", "--time", "2999-01-01"], "future"),
            (["diary", "add", "P001", "--body-part", "arm", "--intensity", "3", "--time", "2026-02-30"], "2026-02-30"),
            (["treatment", "start", "P001", "--name", "clonazepam", "--time", "2026-11-10", "--stop", "2026-11-01"], "before the start"),
            (["treatment", "start", "P001", "--kind", "pill", "--name", "x"], "--kind"),
            (["trend", "NOBODY"], "NOBODY"),
            (["person", "add", "Jane Doe"], "Jane Doe"),
        ]
        for (arguments, message) in cases {
            let r = try Self.run(arguments, db: db)
            #expect(r.status != 0, "\(arguments)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        }
        let o = try Self.overview(db)
        #expect(o["diaryEntries"] as? Int == 0 && o["treatments"] as? Int == 0)
        #expect(try Self.json(try Self.run(["db", "info", "--json"], db: db))["people"] as? Int == 1)
    }

    @Test("Diary, treatments, trend --json, export, backup, restore and delete work end to end")
    func journey() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        #expect(try Self.run(["person", "add", "P001"], db: db).status == 0)
        #expect(try Self.run(["import", "P001", CLI.sample], db: db).status == 0)
        #expect(try Self.run(["diary", "add", "P001", "--body-part", "right arm", "--intensity", "6", "--time", "2024-01-01T20:00"], db: db).status == 0)
        #expect(try Self.run(["treatment", "start", "P001", "--name", "clonazepam", "--dose", "0.5 mg", "--time", "2024-01-02"], db: db).status == 0)
        #expect(try Self.run(["treatment", "stop", "P001", "clonazepam", "--time", "2024-01-20"], db: db).status == 0)
        #expect(try Self.run(["person", "rate", "P001", "--conn-asterixis", "2", "--time", "2024-01-02"], db: db).status == 0)
        #expect(try Self.run(["person", "rate", "P001", "--conn-asterixis", "5"], db: db).status == 1)

        let trend = try Self.json(try Self.run(["trend", "P001", "--json"], db: db))
        let days = try #require(trend["days"] as? [[String: Any]])
        #expect(days.count == 1 && days.first?["date"] as? String == "2024-01-01")
        #expect((trend["diary"] as? [Any])?.count == 1)
        #expect((trend["treatmentResponses"] as? [[String: Any]])?.first?["name"] as? String == "clonazepam")
        #expect(trend["assumptions"] != nil && trend["change"] != nil)

        let exported = dir.appendingPathComponent("P001.json").path
        #expect(try Self.run(["person", "export", "P001", "--out", exported], db: db).status == 0)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: exported))) as? [String: Any])
        #expect((record["recordings"] as? [Any])?.count == 1 && (record["ratings"] as? [Any])?.count == 1)

        let backup = dir.appendingPathComponent("backup.sqlite").path
        #expect(try Self.run(["db", "backup", backup], db: db).status == 0)
        #expect(try Self.run(["person", "delete", "P001"], db: db).status != 0, "deletion needs --yes")
        #expect(try Self.run(["person", "delete", "P001", "--yes"], db: db).status == 0)
        #expect(try Self.run(["person", "show", "P001"], db: db).status == 1)
        #expect(try Self.run(["db", "restore", backup, "--yes"], db: db).status == 0)
        #expect(try Self.overview(db)["recordings"] as? Int == 1)
    }

    @Test("An import killed mid-way (SIGKILL inside its transaction) leaves the store as it was before")
    func crashMidImport() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        let second = dir.appendingPathComponent("second.edf").path
        #expect(try CLI.run(["simulate", second, "--duration", "60", "--seed", "5"]).status == 0)
        #expect(try Self.run(["person", "add", "P001"], db: db).status == 0)
        #expect(try Self.run(["import", "P001", CLI.sample], db: db).status == 0)
        let before = try Self.overview(db)

        let p = Process()
        p.executableURL = CLI.executable
        p.arguments = ["import", "P001", second]
        p.currentDirectoryURL = CLI.repositoryRoot
        var env = ProcessInfo.processInfo.environment
        env["MYOTRACE_DB"] = db
        env["MYOTRACE_TEST_PAUSE_AFTER_EVENTS"] = "3"
        p.environment = env
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        var said = ""
        let deadline = Date().addingTimeInterval(120)
        while !said.contains("paused after 3 events"), Date() < deadline, p.isRunning {
            said += String(decoding: err.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(said.contains("paused after 3 events"), "the import should pause inside its transaction: \(said)")
        #expect(FileManager.default.fileExists(atPath: db + "-wal"), "the write-ahead log is in use")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)

        let after = try Self.overview(db)
        for key in ["recordings", "analyses", "events"] {
            #expect(after[key] as? Int == before[key] as? Int, "\(key) changed after the kill")
        }
        let info = try Self.json(try Self.run(["db", "info", "--json"], db: db))
        #expect(info["journalMode"] as? String == "wal")
        // The store works on: the same file imports cleanly afterwards.
        #expect(try Self.run(["import", "P001", second], db: db).status == 0)
        #expect(try Self.overview(db)["recordings"] as? Int == 2)
    }
}

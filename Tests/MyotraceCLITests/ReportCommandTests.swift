import Foundation
import Testing

/// `myotrace report` and `myotrace export --fhir` on a real store, through the real binary.
@Suite("myotrace report and export")
struct ReportCommandTests {
    @Test("Report and FHIR export of an imported person; an unknown person is a clear error and writes nothing")
    func reportAndExport() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        #expect(try StoreCommandTests.run(["person", "add", "P001"], db: db).status == 0)
        let sim = dir.appendingPathComponent("week1.edf").path
        let simulated = try StoreCommandTests.run(["simulate", sim, "--duration", "60", "--seed", "4", "--start", "2024-03-04T09:00:00Z"], db: db)
        #expect(simulated.status == 0, "\(simulated.stderr)")
        #expect(try StoreCommandTests.run(["import", "P001", sim], db: db).status == 0)

        let html = dir.appendingPathComponent("report.html").path
        let report = try StoreCommandTests.run(["report", "P001", "--out", html, "--sources", dir.path], db: db)
        #expect(report.status == 0, "\(report.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("P001") && page.contains("2024-03-04") && page.contains("id=\"red-flags\""))
        #expect(page.contains("cut from the source files"), "the source file was found by its content hash")
        #expect(!FileManager.default.fileExists(atPath: html + ".tmp"))

        let bundle = dir.appendingPathComponent("bundle.json").path
        let export = try StoreCommandTests.run(["export", "P001", "--fhir", "--out", bundle, "--utc-offset", "+02:00"], db: db)
        #expect(export.status == 0, "\(export.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundle))) as? [String: Any])
        #expect(object["type"] as? String == "collection")
        #expect(try String(contentsOfFile: bundle, encoding: .utf8).contains("2024-03-04T09:00:00+02:00"))

        // An unknown person: a one-line error naming it, and the existing report is left as it was.
        let unknown = try StoreCommandTests.run(["report", "NOBODY", "--out", html], db: db)
        #expect(unknown.status == 1 && unknown.stderr.contains("NOBODY") && unknown.stderr.contains("person list"))
        #expect(try String(contentsOfFile: html, encoding: .utf8) == page)
        let unknownExport = try StoreCommandTests.run(["export", "NOBODY", "--fhir"], db: db)
        #expect(unknownExport.status == 1 && unknownExport.stderr.contains("NOBODY"))
        let noFormat = try StoreCommandTests.run(["export", "P001"], db: db)
        #expect(noFormat.status != 0 && noFormat.stderr.contains("--fhir"))
        let badOffset = try StoreCommandTests.run(["export", "P001", "--fhir", "--utc-offset", "+25:00"], db: db)
        #expect(badOffset.status != 0 && badOffset.stderr.contains("--utc-offset"))
        // A folder that cannot be written: the error names the file, nothing half-written is left.
        let blocked = dir.appendingPathComponent("no-such-folder/report.html").path
        let unwritable = try StoreCommandTests.run(["report", "P001", "--out", blocked], db: db)
        #expect(unwritable.status == 1 && unwritable.stderr.contains("report.html"))
        #expect(!FileManager.default.fileExists(atPath: blocked))
    }
}

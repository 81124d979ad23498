import Foundation
import MyoReport
import MyoStore
import Testing

@Suite("FHIR R4 export")
struct FHIRExportTests {
    static func bundle() throws -> (json: String, object: [String: Any]) {
        let (store, folder) = try CareFixture.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try FHIRExport.input(store: store, person: "P001", utcOffsetSeconds: 3600,
                                         issued: Date(timeIntervalSince1970: 1_790_000_000))
        let json = try FHIRExport.json(input)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return (json, object)
    }

    static func resources(_ bundle: [String: Any]) -> [[String: Any]] {
        (bundle["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
    }

    @Test("A collection bundle: Patient by pseudonym only, observations per recording, a report referencing them")
    func structure() throws {
        let (_, bundle) = try Self.bundle()
        #expect(bundle["resourceType"] as? String == "Bundle" && bundle["type"] as? String == "collection")
        let resources = Self.resources(bundle)
        let patients = resources.filter { $0["resourceType"] as? String == "Patient" }
        #expect(patients.count == 1)
        let identifier = try #require((patients.first?["identifier"] as? [[String: Any]])?.first)
        #expect(identifier["system"] as? String == FHIRExport.pseudonymSystem && identifier["value"] as? String == "P001")
        #expect(patients.first?["name"] == nil && patients.first?["birthDate"] == nil)

        let observations = resources.filter { $0["resourceType"] as? String == "Observation" }
        #expect(observations.count == 16, "rate and median duration for each of 8 recordings")
        for o in observations {
            #expect(o["status"] as? String == "final")
            let coding = try #require(((o["code"] as? [String: Any])?["coding"] as? [[String: Any]])?.first)
            #expect(coding["system"] as? String == FHIRExport.codeSystem)
            let value = try #require(o["valueQuantity"] as? [String: Any])
            #expect(value["system"] as? String == "http://unitsofmeasure.org")
            switch coding["code"] as? String {
            case FHIRExport.rateCode?: #expect(value["code"] as? String == "/h")
            case FHIRExport.durationCode?: #expect(value["code"] as? String == "ms" && value["value"] as? Double == 40)
            default: Issue.record("unexpected code \(coding)")
            }
            let period = try #require(o["effectivePeriod"] as? [String: Any])
            #expect((period["start"] as? String)?.hasSuffix("+01:00") == true)
            #expect(o["category"] != nil && o["subject"] != nil)
        }
        let first = try #require(observations.first { (($0["code"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String == FHIRExport.rateCode })
        #expect((first["valueQuantity"] as? [String: Any])?["value"] as? Double == 130)

        let report = try #require(resources.first { $0["resourceType"] as? String == "DiagnosticReport" })
        #expect(report["status"] as? String == "final" && report["issued"] as? String == "2026-09-21T14:13:20Z")
        #expect((report["result"] as? [Any])?.count == 16)
        let conclusion = try #require(report["conclusion"] as? String)
        #expect(conclusion.contains("not a diagnosis") && conclusion.contains("rate ratio after/before"))
    }

    @Test("Every reference resolves to an entry's fullUrl, ids are unique and stable")
    func referencesResolve() throws {
        let (json, bundle) = try Self.bundle()
        let entries = bundle["entry"] as? [[String: Any]] ?? []
        let urls = Set(entries.compactMap { $0["fullUrl"] as? String })
        #expect(urls.count == entries.count)
        var references: [String] = []
        func collect(_ value: Any) {
            if let d = value as? [String: Any] {
                for (k, v) in d { if k == "reference", let s = v as? String { references.append(s) } else { collect(v) } }
            } else if let a = value as? [Any] { a.forEach(collect) }
        }
        collect(bundle)
        #expect(references.count == 16 + 16 + 1)
        for r in references { #expect(urls.contains(r), "\(r) resolves") }
        #expect(try Self.bundle().json == json, "the same store exports the same bundle")
    }

    @Test("An unknown person is a clear error")
    func unknownPerson() throws {
        let (store, folder) = try CareFixture.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: StoreError.unknownPerson("NOBODY")) {
            _ = try FHIRExport.input(store: store, person: "NOBODY", utcOffsetSeconds: 0)
        }
    }

    static let python = ProcessInfo.processInfo.environment["MYOTRACE_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
    /// True when MYOTRACE_PYTHON imports fhir.resources (the R4 line, Tools/fhir/requirements.txt).
    static let validatorAvailable: Bool = {
        guard let python else { return false }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", "import fhir.resources"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    @Test("fhir.resources (FHIR R4 4.0.1 models) validates the bundle",
          .enabled(if: validatorAvailable, "set MYOTRACE_PYTHON to a Python with fhir.resources 6.4 (Tools/fhir/requirements.txt; scripts/test installs it)"))
    func validatesWithFHIRResources() throws {
        let (json, _) = try Self.bundle()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("myotrace-fhir-\(UUID().uuidString).json")
        try json.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var root = URL(fileURLWithPath: #filePath)
        while root.pathComponents.count > 1, !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root.deleteLastPathComponent()
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(Self.python))
        p.arguments = [root.appendingPathComponent("Tools/fhir/check_bundle.py").path, file.path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(message)")
    }
}

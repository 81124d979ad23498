import Foundation
import Testing

@Suite("myotrace convert")
struct ConvertCommandTests {
    static func describe(_ path: String) throws -> [String: Any] {
        let r = try CLI.run(["info", path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test("EDF+ to BDF+ and back to EDF+ keeps channels, counts and annotations")
    func edfToBdfAndBack() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bdf = dir.appendingPathComponent("demo.bdf").path
        let edf = dir.appendingPathComponent("demo.edf").path
        let toBDF = try CLI.run(["convert", CLI.sample, bdf])
        #expect(toBDF.status == 0, "\(toBDF.stderr)")
        let back = try CLI.run(["convert", bdf, edf])
        #expect(back.status == 0, "\(back.stderr)")

        let original = try Self.describe(CLI.sample)
        for (path, format) in [(bdf, "BDF+"), (edf, "EDF+")] {
            let copy = try Self.describe(path)
            #expect(copy["format"] as? String == format)
            let a = try #require(original["channels"] as? [[String: Any]])
            let b = try #require(copy["channels"] as? [[String: Any]])
            #expect(a.map { $0["label"] as? String } == b.map { $0["label"] as? String })
            #expect(a.map { $0["sampleCount"] as? Int } == b.map { $0["sampleCount"] as? Int })
            #expect(a.map { $0["sampleRate"] as? Double } == b.map { $0["sampleRate"] as? Double })
            let na = try #require(original["annotations"] as? [[String: Any]])
            let nb = try #require(copy["annotations"] as? [[String: Any]])
            #expect(na.map { $0["text"] as? String } == nb.map { $0["text"] as? String })
            for (x, y) in zip(na, nb) {
                let ox = try #require(x["onset"] as? Double), oy = try #require(y["onset"] as? Double)
                #expect(abs(ox - oy) < 1e-6)
            }
        }
    }

    @Test("CSV output writes one file per rate that Myotrace reads back")
    func toCSV() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("demo.csv").path
        let r = try CLI.run(["convert", CLI.sample, csv])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files.contains("demo.csv"))
        #expect(files.contains { $0.contains("100Hz") })
        let emg = try Self.describe(csv)
        let channels = try #require(emg["channels"] as? [[String: Any]])
        #expect(channels.first?["sampleRate"] as? Double == 1000)
        #expect(channels.first?["sampleCount"] as? Int == 120_000)
    }

    @Test("Refuses to overwrite, to guess an unknown extension, or to read what is not there")
    func refusals() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("x.edf").path
        _ = FileManager.default.createFile(atPath: out, contents: Data("keep me".utf8))
        let exists = try CLI.run(["convert", CLI.sample, out])
        #expect(exists.status == 1)
        #expect(exists.stderr.contains("--force"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")

        let unknown = try CLI.run(["convert", CLI.sample, dir.appendingPathComponent("x.xyz").path])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("--to"))

        let missing = try CLI.run(["convert", "nope.edf", dir.appendingPathComponent("y.edf").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.edf"))
    }

    @Test("A conversion that fails half-way leaves the existing output untouched and no partial file")
    func failureKeepsExistingOutput() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.edf").path
        _ = FileManager.default.createFile(atPath: out, contents: Data("keep me".utf8))
        for broken in ["Tests/Fixtures/malformed/tal_no_sign.edf", "Tests/Fixtures/malformed/bdf_truncated_data.bdf"] {
            let r = try CLI.run(["convert", broken, out, "--force"])
            #expect(r.status == 1, "\(broken): \(r.stdout)")
            #expect(r.stderr.contains((broken as NSString).lastPathComponent))
            #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.edf"])
        }
    }
}

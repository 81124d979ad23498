import Foundation
import MyoTestSupport
import Testing
@testable import MyoFormats
import MyoSignal

/// The values wfdb-python read back from the fixtures (Tests/Fixtures/wfdb/expected.json).
private struct WFDBExpected: Decodable {
    var fs: Double
    var names: [String]
    var physical: [[Double?]]
    var digital: [[Int]]?
    var samps_per_frame: [Int]?
}

private struct WFDBExpectedAnnotations: Decodable {
    var sample: [Int]
    var symbol: [String]
    var aux_note: [String]
    var chan: [Int]
}

private func fixture(_ name: String) -> String { SharedData.repoPath("Tests/Fixtures/wfdb/\(name)") }

private func expected() throws -> [String: WFDBExpected] {
    let data = try Data(contentsOf: URL(fileURLWithPath: fixture("expected.json")))
    let all = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    var out: [String: WFDBExpected] = [:]
    for (k, v) in all where !k.contains(".") {
        out[k] = try JSONDecoder().decode(WFDBExpected.self, from: JSONSerialization.data(withJSONObject: v))
    }
    return out
}

private func expectSame(_ got: [Float], _ want: [Double?], _ what: String) {
    #expect(got.count == want.count, "\(what): \(got.count) samples, expected \(want.count)")
    for (i, (g, w)) in zip(got, want).enumerated() {
        if let w {
            if abs(Double(g) - w) > max(1e-4, abs(w) * 1e-6) {
                Issue.record("\(what)[\(i)] = \(g), expected \(w)"); return
            }
        } else if !g.isNaN {
            Issue.record("\(what)[\(i)] = \(g), expected NaN"); return
        }
    }
}

@Suite struct WFDBReaderTests {
    @Test(arguments: ["fmt16", "fmt212", "fmt80", "fmt24", "fmt32", "fmt61", "fmt160", "fmt310", "fmt311", "spf"])
    func matchesWFDBPython(record: String) throws {
        let want = try #require(try expected()[record])
        let reader = try WFDBReader(path: fixture("\(record).hea"))
        let rec = try reader.readAll()
        #expect(rec.signals.map(\.label) == want.names)
        for (i, s) in rec.signals.enumerated() {
            #expect(s.sampleRate == want.fs * Double(want.samps_per_frame?[i] ?? 1))
            expectSame(s.samples, want.physical[i], "\(record) \(s.label)")
        }
        if record.hasPrefix("fmt") {
            // Every generated record has one invalid sample in its first signal.
            #expect(reader.header.warnings.contains { $0.contains("1 invalid samples") && $0.contains("EMG chin") })
            #expect(rec.signals[0].samples[5].isNaN)
        }
    }

    @Test func openedWithoutExtension() throws {
        let reader = try WFDBReader(path: fixture("fmt212"))
        #expect(reader.header.channels.count == 2)
        #expect(reader.header.channels[0].unit == "mV")
        #expect(reader.header.channels[1].sampleCount == 61)
    }

    @Test(arguments: ["multi", "varlay"])
    func multiSegment(record: String) throws {
        let want = try #require(try expected()[record])
        let reader = try WFDBReader(path: fixture("\(record).hea"))
        #expect(reader.header.channels.map(\.label) == want.names)
        let rec = try reader.readAll()
        for (i, s) in rec.signals.enumerated() { expectSame(s.samples, want.physical[i], "\(record) \(s.label)") }
        if record == "multi" {
            let start = try #require(rec.start)
            #expect(start == Date(timeIntervalSince1970: 1_614_688_200))  // 2021-03-02 12:30:00
        }
    }

    @Test func chunksAreBoundedAndContiguous() throws {
        let reader = try WFDBReader(path: fixture("multi.hea"))
        var next = 0
        while let chunk = try reader.nextChunk() {
            #expect(chunk.firstSample[0] == next)
            #expect(chunk.onset == Double(next) / 250)
            next += chunk.samples[0].count
        }
        #expect(next == 75)
    }

    @Test func annotationsMatchWFDBPython() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture("expected.json")))
        let all = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let want = try JSONDecoder().decode(WFDBExpectedAnnotations.self,
                                            from: JSONSerialization.data(withJSONObject: try #require(all["fmt16.atr"])))
        let anns = try WFDBAnnotations.read(path: fixture("fmt16.atr"), sampleRate: 360)
        #expect(anns.count == want.sample.count)
        for (a, i) in zip(anns, want.sample.indices) {
            #expect(abs(a.onset - Double(want.sample[i]) / 360) < 1e-9)
            let text = want.aux_note[i].isEmpty ? want.symbol[i] : "\(want.symbol[i]) \(want.aux_note[i])"
            #expect(a.text == text)
            #expect(a.channel == (want.chan[i] == 0 ? nil : String(want.chan[i])))
        }
        let viaReader = try WFDBReader(path: fixture("fmt16.hea")).annotations()
        #expect(viaReader == anns)
        #expect(try WFDBReader(path: fixture("fmt212.hea")).annotations().isEmpty)
    }

    @Test func malformedHeadersNameTheLine() throws {
        #expect { try WFDBReader(path: fixture("bad_missing.hea")) } throws: { error in
            guard case .invalidLine(_, 1, "number of signals", _)? = error as? FormatError else { return false }
            return true
        }
        #expect { try WFDBReader(path: fixture("bad_gain.hea")) } throws: { error in
            guard case .invalidLine(_, 2, "gain", _)? = error as? FormatError else { return false }
            return true
        }
        #expect { try WFDBReader(path: fixture("bad_nsig.hea")) } throws: { error in
            guard case .invalidLine(_, _, "signal line", _)? = error as? FormatError else { return false }
            return true
        }
        #expect { try WFDBReader(path: fixture("bad_format.hea")) } throws: { error in
            guard case .unsupported(_, _, let feature)? = error as? FormatError else { return false }
            return feature.contains("format 99") && feature.contains("line 2")
        }
    }

    @Test func shortSignalFileNamesTheByteOffset() throws {
        #expect { try WFDBReader(path: fixture("bad_short.hea")) } throws: { error in
            guard case .truncated(let file, let offset, _, let expected, let available)? = error as? FormatError else { return false }
            return file.hasSuffix("fmt16.dat") && offset == 244 && expected == 2000 && available == 244
        }
    }

    @Test func headerParsingDefaults() throws {
        let h = try WFDBHeader.parse(text: "r 1\n# a comment\nr.dat 16\n", path: "r.hea")
        #expect(h.frameRate == 250)
        #expect(h.frameCount == nil)
        #expect(h.signals[0].gain == 200)
        #expect(h.signals[0].units == "mV")
        #expect(h.comments == ["a comment"])
        let g = try WFDBHeader.parse(text: "r 1 500/10(3) 100 10:00:01.5 01/02/2000\nr.dat 212x4:0+512 0(12)/uV 12 5 0 0 0 EMG left tib\n", path: "r.hea")
        #expect(g.frameRate == 500)
        #expect(g.signals[0].samplesPerFrame == 4)
        #expect(g.signals[0].byteOffset == 512)
        #expect(g.signals[0].gain == 200)
        #expect(g.signals[0].baseline == 12)
        #expect(g.signals[0].description == "EMG left tib")
        #expect(g.start == Date(timeIntervalSince1970: 949_399_201.5))
    }

    /// Writes headers into a temporary folder beside copies of fixture signal files.
    private func temporaryRecord(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("myotrace-wfdb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture("fmt16.dat"), toPath: dir.appendingPathComponent("fmt16.dat").path)
        try FileManager.default.copyItem(atPath: fixture("multi_1.dat"), toPath: dir.appendingPathComponent("multi_1.dat").path)
        try FileManager.default.copyItem(atPath: fixture("multi_1.hea"), toPath: dir.appendingPathComponent("multi_1.hea").path)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func absurdLengthsThrowInsteadOfAllocating() throws {
        let dir = try temporaryRecord([
            "huge.hea": "huge 2 360 1000000000000\nfmt16.dat 16 200/mV 16 0 0 0 0 A\nfmt16.dat 16 200/mV 16 0 0 0 0 B\n",
            "gap.hea": "gap/2 2 250 1000000000030\nmulti_1 30\n~ 1000000000000\n",
            "lies.hea": "lies/1 2 250 31\nmulti_1 31\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect { try WFDBReader(path: dir.appendingPathComponent("huge.hea").path) } throws: { error in
            guard case .truncated(_, 244, _, _, 244)? = error as? FormatError else { return false }
            return true
        }
        #expect { try WFDBReader(path: dir.appendingPathComponent("gap.hea").path) } throws: { error in
            guard case .inconsistent(_, _, "segment length", _)? = error as? FormatError else { return false }
            return true
        }
        #expect { try WFDBReader(path: dir.appendingPathComponent("lies.hea").path) } throws: { error in
            guard case .inconsistent(let file, _, "number of samples per signal", _)? = error as? FormatError else { return false }
            return file.hasSuffix("multi_1.hea")
        }
    }
}

import Foundation
import MyoTestSupport
import Testing
@testable import MyoFormats
import MyoSignal

/// Agreement with pyedflib (EDFlib) on the shared recordings.
///
/// Reads the reference folder written by Tools/interop/edf_reference.py, named by the
/// environment variable MYOTRACE_EDF_REFERENCE, and checks every file pyedflib opened: labels,
/// rates, sample counts, identical digital values, physical values equal to pyedflib's doubles
/// rounded to Float, and the same annotations. Files pyedflib refuses must either read in
/// Myotrace (listed in the output) or give a typed error.
@Suite struct EDFAgreementTests {
    static let referenceDir: String? = {
        let value = ProcessInfo.processInfo.environment["MYOTRACE_EDF_REFERENCE"] ?? ""
        return value.isEmpty ? nil : value
    }()

    static let enabled = referenceDir != nil && SharedData.available

    static let skipReason: Comment = """
        needs MYOTRACE_EDF_REFERENCE set to a folder written by Tools/interop/edf_reference.py \
        (and the shared recordings)
        """

    struct Reference: Decodable {
        struct Note: Decodable { let onset: Double; let duration: Double; let text: String }
        let file: String
        let refused: String?
        let labels: [String]?
        let sample_rates: [Double]?
        let sample_counts: [Int]?
        let annotations: [Note]?
    }

    /// Every reference JSON, with the file stem the .bin files share.
    static func references() throws -> [(stem: String, ref: Reference)] {
        guard let dir = referenceDir else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent(name))
            return (String(name.dropLast(5)), try JSONDecoder().decode(Reference.self, from: data))
        }
    }

    static func load<T>(_ name: String, as: T.Type) throws -> [T] {
        let data = try Data(contentsOf: URL(fileURLWithPath: referenceDir ?? "").appendingPathComponent(name))
        return data.withUnsafeBytes { raw in
            (0..<(raw.count / MemoryLayout<T>.size)).map { raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self) }
        }
    }

    @Test(.enabled(if: enabled, skipReason))
    func samplesAndAnnotationsAgreeWithPyedflib() throws {
        let refs = try Self.references()
        #expect(!refs.isEmpty)
        var compared = 0
        for (stem, ref) in refs {
            let path = SharedData.path("data/\(ref.file)")
            if let refusal = ref.refused {
                do {
                    let reader = try EDFReader(path: path)
                    _ = try reader.readAll()
                    print("pyedflib refuses \(ref.file) (\(refusal)); Myotrace reads it")
                } catch let error as FormatError {
                    print("pyedflib refuses \(ref.file); Myotrace too: \(error)")
                }
                continue
            }
            let reader = try EDFReader(path: path)
            let channels = reader.header.channels
            let labels = try #require(ref.labels), rates = try #require(ref.sample_rates)
            let counts = try #require(ref.sample_counts)
            #expect(channels.map(\.label) == labels.map { $0.trimmingCharacters(in: .whitespaces) }, "\(ref.file)")
            #expect(channels.map(\.sampleCount) == counts, "\(ref.file)")
            for (c, r) in zip(channels, rates) { #expect(abs(c.sampleRate - r) <= 1e-9 * r, "\(ref.file) \(c.label)") }

            let recording = try reader.readAll()
            for i in channels.indices where i < labels.count {
                let digital = try Self.load("\(stem).\(i).dig.bin", as: Int32.self)
                #expect(try reader.readDigital(channel: i) == digital, "\(ref.file) digital \(i)")
                let physical = try Self.load("\(stem).\(i).phys.bin", as: Double.self)
                let ours = recording.signals[i].samples
                #expect(ours.count == physical.count)
                let step = channels[i].physicalRange.map { ($0.upperBound - $0.lowerBound) } ?? 1
                var worst = 0, bad = 0
                for k in 0..<min(ours.count, physical.count) {
                    let expected = Float(physical[k])
                    let tolerance = max(Double(expected.ulp), abs(physical[k]) * 1e-6, step * 1e-12)
                    if abs(Double(ours[k]) - Double(expected)) > tolerance { bad += 1; worst = k }
                }
                #expect(bad == 0, "\(ref.file) channel \(i): \(bad) samples differ, e.g. #\(worst)")
            }

            let theirs = (ref.annotations ?? []).map { ($0.onset, $0.duration < 0 ? nil : $0.duration, $0.text) }
                .sorted { ($0.0, $0.2) < ($1.0, $1.2) }
            let mine = recording.annotations.map { a in
                (a.onset, a.duration, a.text + (a.channel.map { "@@" + $0 } ?? ""))
            }.sorted { ($0.0, $0.2) < ($1.0, $1.2) }
            #expect(mine.count == theirs.count, "\(ref.file) annotation count")
            for (m, t) in zip(mine, theirs) {
                #expect(abs(m.0 - t.0) <= 1e-6 && m.2 == t.2, "\(ref.file): \(m) vs \(t)")
                #expect((m.1 == nil && t.1 == nil) || abs((m.1 ?? -1) - (t.1 ?? -1)) <= 1e-6, "\(ref.file): \(m) vs \(t)")
            }
            compared += 1
        }
        print("compared \(compared) files with pyedflib")
        #expect(compared >= 15)
    }
}

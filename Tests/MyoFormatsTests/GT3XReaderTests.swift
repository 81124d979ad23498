import Foundation
import MyoTestSupport
import Testing
@testable import MyoFormats
import MyoSignal

@Suite("GT3XReader")
struct GT3XReaderTests {
    static let gt3x = "data/ggir_accel_testfiles/actigraph_testfile.gt3x"
    static let synthetic = "Tests/Fixtures/wearables/synthetic_activity2.gt3x"

    /// No reference decode exists for this file, so it is checked against what the file states
    /// and what physics requires: 30 Hz from Start Date to Last Sample Time (1772 s), and a
    /// device at rest (the first seconds, before the wearer moves) measuring about 1 g.
    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func realFileAgreesWithInfoAndGravity() throws {
        let reader = try GT3XReader(path: SharedData.path(Self.gt3x))
        let rec = try reader.readAll()
        #expect(rec.signals.count == 3)
        #expect(rec.signals.allSatisfy { $0.sampleRate == 30 && $0.kind == .acc && $0.unit == "g" })
        #expect(rec.signals[0].count == 1772 * 30)
        #expect(rec.start == Date(timeIntervalSince1970: 1_598_436_540))
        #expect(reader.header.warnings.contains { $0.contains("idle sleep") && $0.contains("repeating the last sample") })
        let (x, y, z) = (rec.signals[0].samples, rec.signals[1].samples, rec.signals[2].samples)
        var magnitudes: [Float] = []
        for i in x.indices {
            let squared: Float = x[i] * x[i] + y[i] * y[i] + z[i] * z[i]
            magnitudes.append(squared.squareRoot())
        }
        let sorted = magnitudes.sorted()
        let median = sorted[sorted.count / 2]
        #expect(abs(median - 1) < 0.1)
        for axis in [x, y, z] { #expect(axis.allSatisfy { abs($0) <= 8 }) }
        // 12-bit counts over a scale of 256: every value is a multiple of 1/256 g.
        #expect(x.prefix(3000).allSatisfy { ($0 * 256).rounded() == $0 * 256 })
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func chunksEqualReadAll() throws {
        let reader = try GT3XReader(path: SharedData.path(Self.gt3x))
        let whole = try reader.readAll()
        #expect(try WearableScratch.concatenatedChunks(reader) == whole.signals.map(\.samples))
    }

    @Test func syntheticActivity2WithIdleSleepGaps() throws {
        let reader = try GT3XReader(path: SharedData.repoPath(Self.synthetic))
        let rec = try reader.readAll()
        #expect(rec.signals[0].count == 60)
        #expect(rec.start == Date(timeIntervalSince1970: 1_704_067_200))
        func expected(_ second: Int, _ i: Int) -> (Float, Float, Float) {
            (Float(256 * second + i) / 256, Float(-10 * i) / 256, 1)
        }
        for t in 0..<60 {
            let second = t / 10, i = t % 10
            // Seconds 2, 3 (idle sleep) and 5 (a 1-byte record) repeat the last real sample.
            let e = switch second {
            case 2, 3: expected(1, 9)
            case 5: expected(4, 9)
            default: expected(second, i)
            }
            #expect(rec.signals[0].samples[t] == e.0)
            #expect(rec.signals[1].samples[t] == e.1)
            #expect(rec.signals[2].samples[t] == e.2)
        }
        #expect(rec.signals[0].kind == .acc)
        #expect(reader.header.channels[0].physicalRange == -8...8)
    }

    @Test func nhanesLayoutIsUnsupported() throws {
        let path = SharedData.repoPath("Tests/Fixtures/wearables/nhanes_layout.gt3x")
        #expect { try GT3XReader(path: path) } throws: { error in
            guard case .unsupported(_, _, let feature) = error as? FormatError else { return false }
            return feature.contains("activity.bin")
        }
    }

    @Test func packedActivityDecodesYXZOrder() {
        // ActiGraph's documented example: "00 60 08 EB D0 07 00 9E BF" → (y 6, x 8, z -323), (y 7, x 9, z -321).
        let record = GT3XLogCursor.Record(type: 0, timestamp: 0,
                                          payload: [0x00, 0x60, 0x08, 0xEB, 0xD0, 0x07, 0x00, 0x9E, 0xBF],
                                          offset: 0, checksumIsValid: true)
        var out: [(Int16, Int16, Int16)] = []
        GT3XLogCursor.decodeActivity(record, into: &out)
        #expect(out.count == 2)
        #expect(out.first.map { [$0.0, $0.1, $0.2] } == [8, 6, -323])
        #expect(out.last.map { [$0.0, $0.1, $0.2] } == [9, 7, -321])
        #expect(GT3XLogCursor.accelScale(in: [0, 0, 55, 0, 0x00, 0x00, 0x40, 0x09]) == 256)
    }

    @Test func malformedLogRecordsThrowTypedErrors() throws {
        let separator = SharedData.repoPath("Tests/Fixtures/wearables/bad_separator.gt3x")
        #expect(throws: FormatError.invalidField(file: separator, offset: 86, field: "log.bin record separator",
                                                 value: "1f", reason: "is not 1E")) {
            try GT3XReader(path: separator)
        }
        let truncated = SharedData.repoPath("Tests/Fixtures/wearables/truncated_record.gt3x")
        #expect(throws: FormatError.truncated(file: truncated, offset: 86, field: "log.bin record payload",
                                              expectedBytes: 9 + 60, availableBytes: 18)) {
            try GT3XReader(path: truncated)
        }
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func damagedLogThrowsTypedErrors() throws {
        let bytes = try WearableScratch.read(SharedData.path(Self.gt3x))
        // log.bin is stored, so its bytes sit unchanged at the entry's data offset.
        let zip = try ZipArchive(path: SharedData.path(Self.gt3x))
        let logStart = try zip.stream(try #require(zip.entry(named: "log.bin"))).dataOffset
        #expect(logStart > 30)
        var flipped = bytes
        flipped[logStart + 2000] ^= 0x01
        let crcPath = try WearableScratch.write(flipped, name: "crc.gt3x")
        #expect { try GT3XReader(path: crcPath) } throws: { error in
            guard let e = error as? FormatError, let field = e.field else { return false }
            return field.contains("CRC-32")
        }
        let cut = try WearableScratch.write(Array(bytes.prefix(5000)), name: "cut.gt3x")
        #expect { try GT3XReader(path: cut) } throws: { ($0 as? FormatError)?.file == cut }
    }
}

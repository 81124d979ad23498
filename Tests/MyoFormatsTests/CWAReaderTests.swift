import Foundation
import MyoTestSupport
import Testing
@testable import MyoFormats
import MyoSignal

@Suite("CWAReader")
struct CWAReaderTests {
    static let ax3 = "data/skdh_wearable_imu/ax3_sample.cwa"
    static let ax6 = "data/skdh_wearable_imu/ax6_sample.cwa"

    /// Largest absolute difference between a decoded channel and a reference column.
    func maxError(_ a: [Float], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { max($0, abs(Double($1.0) - $1.1)) }
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func ax3MatchesReferenceDecode() throws {
        let reader = try CWAReader(path: SharedData.path(Self.ax3))
        let ref = try NPYArray.readNPZ(SharedData.path("data/skdh_wearable_imu/ax3_data.npz"))
        let accel = try #require(ref["accel"]), time = try #require(ref["time"])
        let rec = try reader.readAll()
        #expect(rec.signals.map(\.label) == ["Accel X", "Accel Y", "Accel Z", "Temperature", "Light"])
        for axis in 0..<3 {
            #expect(rec.signals[axis].count == accel.shape[0])
            #expect(rec.signals[axis].kind == .acc)
            #expect(maxError(rec.signals[axis].samples, accel.column(axis)) < 1e-6)
        }
        let start = try #require(rec.start).timeIntervalSince1970
        #expect(abs(start - time.values[0]) < 0.005)
        // Configured 200 Hz, but the clock says otherwise: the rate must come from the timestamps.
        let rate = rec.signals[0].sampleRate
        let refRate = Double(time.values.count - 1) / (time.values.last! - time.values[0])
        #expect(abs(rate - refRate) < 0.5)
        #expect(rate < 199)
        #expect(reader.header.warnings.contains { $0.contains("configured 200 Hz") })
        #expect(rec.signals[3].count == 490)
        #expect(rec.signals[3].samples.allSatisfy { (15...45).contains($0) })
        #expect(try reader.segments().isEmpty)
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func ax6MatchesReferenceAccelAndGyro() throws {
        let reader = try CWAReader(path: SharedData.path(Self.ax6))
        let ref = try NPYArray.readNPZ(SharedData.path("data/skdh_wearable_imu/ax6_data.npz"))
        let accel = try #require(ref["accel"]), gyro = try #require(ref["gyro"]), time = try #require(ref["time"])
        let rec = try reader.readAll()
        #expect(rec.signals.prefix(6).map(\.kind) == [.acc, .acc, .acc, .gyro, .gyro, .gyro])
        for axis in 0..<3 {
            #expect(rec.signals[axis].count == accel.shape[0])
            #expect(rec.signals[3 + axis].count == gyro.shape[0])
            // The reference rounds to 6 decimals.
            #expect(maxError(rec.signals[axis].samples, accel.column(axis)) < 1e-5)
            #expect(maxError(rec.signals[3 + axis].samples, gyro.column(axis)) < 1e-4)
        }
        #expect(rec.signals[3].unit == "deg/s")
        let start = try #require(rec.start).timeIntervalSince1970
        #expect(abs(start - time.values[0]) < 0.005)
        #expect(abs(rec.signals[0].sampleRate - 98.4) < 0.5)
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func chunksEqualReadAll() throws {
        for file in [Self.ax3, Self.ax6] {
            let reader = try CWAReader(path: SharedData.path(file))
            let whole = try reader.readAll()
            let chunked = try WearableScratch.concatenatedChunks(reader)
            #expect(chunked == whole.signals.map(\.samples))
            #expect(chunked[0].count == reader.header.channels[0].sampleCount)
        }
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func badChecksumBlockIsSkippedAndReported() throws {
        var bytes = try WearableScratch.read(SharedData.path(Self.ax3))
        let block = 1024 + 10 * 512
        bytes[block + 40] ^= 0x55
        let path = try WearableScratch.write(bytes, name: "badblock.cwa")
        let reader = try CWAReader(path: path)
        #expect(reader.header.channels[0].sampleCount == 58800 - 120)
        #expect(reader.header.warnings.contains { $0.contains("checksum") && $0.contains(String(block)) })
        let rec = try reader.readAll()
        #expect(rec.signals[0].count == 58800 - 120)
        // The good block after the skipped one starts a new stretch at its own timestamp.
        let segments = try reader.segments()
        #expect(segments.count == 2)
        #expect(segments[1].onset > segments[1].dataStart + 0.5)
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func truncatedAndMalformedFilesThrowTypedErrors() throws {
        let bytes = try WearableScratch.read(SharedData.path(Self.ax3))
        let shortHeader = try WearableScratch.write(Array(bytes.prefix(700)), name: "short.cwa")
        #expect(throws: FormatError.truncated(file: shortHeader, offset: 0, field: "CWA metadata header",
                                              expectedBytes: 1024, availableBytes: 700)) {
            try CWAReader(path: shortHeader)
        }
        let cutBlock = try WearableScratch.write(Array(bytes.prefix(1024 + 512 * 3 + 100)), name: "cut.cwa")
        #expect(throws: FormatError.truncated(file: cutBlock, offset: 1024 + 512 * 3, field: "CWA data block",
                                              expectedBytes: 512, availableBytes: 100)) {
            try CWAReader(path: cutBlock)
        }
        var magic = bytes
        magic[0] = 0x58
        let badMagic = try WearableScratch.write(magic, name: "magic.cwa")
        #expect { try CWAReader(path: badMagic) } throws: { ($0 as? FormatError)?.offset == 0 }

        // A block claiming more samples than fit, with its checksum fixed so it is trusted.
        var absurd = bytes
        let block = 1024 + 4 * 512
        absurd[block + 28] = 0xFF
        absurd[block + 29] = 0x7F
        fixChecksum(&absurd, block: block)
        let absurdPath = try WearableScratch.write(absurd, name: "absurd.cwa")
        #expect { try CWAReader(path: absurdPath) } throws: { error in
            guard case let .invalidField(_, offset, field, _, _) = error as? FormatError else { return false }
            return offset == block + 28 && field.contains("sample count")
        }
    }

    func fixChecksum(_ bytes: inout [UInt8], block: Int) {
        var sum: UInt16 = 0
        for i in stride(from: 0, to: 510, by: 2) { sum &+= UInt16(bytes[block + i]) | UInt16(bytes[block + i + 1]) << 8 }
        let check = 0 &- sum
        bytes[block + 510] = UInt8(check & 0xFF)
        bytes[block + 511] = UInt8(check >> 8)
    }

    @Test func packedTimestampDecodes() {
        // 2020-02-12 09:03:38 packed as YYYYYYMM MMDDDDDh hhhhmmmm mmssssss.
        let v: UInt32 = 20 << 26 | 2 << 22 | 12 << 17 | 9 << 12 | 3 << 6 | 38
        #expect(CWABlock.decodeTimestamp(v) == 1_581_498_218)
        #expect(CWABlock.decodeTimestamp(20 << 26 | 13 << 22 | 1 << 17) == nil)
    }
}

import Foundation
import MyoTestSupport
import Testing
@testable import MyoFormats
import MyoSignal

@Suite("GENEActivReader")
struct GENEActivReaderTests {
    static let bin = "data/skdh_wearable_imu/gnactv_sample.bin"

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func matchesReferenceDecode() throws {
        let reader = try GENEActivReader(path: SharedData.path(Self.bin))
        let ref = try NPYArray.readNPZ(SharedData.path("data/skdh_wearable_imu/gnactv_data.npz"))
        let accel = try #require(ref["accel"]), time = try #require(ref["time"])
        let light = try #require(ref["light"]), temperature = try #require(ref["temperature"])
        let rec = try reader.readAll()
        #expect(rec.signals.map(\.label) == ["Accel X", "Accel Y", "Accel Z", "Light", "Temperature"])
        for axis in 0..<3 {
            #expect(rec.signals[axis].count == 900)
            let err = zip(rec.signals[axis].samples, accel.column(axis)).map { abs(Double($0) - $1) }.max() ?? 1
            // The reference is rounded to 4 decimals.
            #expect(err < 5.001e-5)
        }
        #expect(rec.signals[3].samples.map(Double.init) == light.values)
        // The reference repeats each page's temperature over its 300 samples.
        let pageTemps = stride(from: 0, to: 900, by: 300).map { Float(temperature.values[$0]) }
        #expect(rec.signals[4].samples == pageTemps)
        #expect(rec.signals[0].sampleRate == 50)
        let start = try #require(rec.start).timeIntervalSince1970
        #expect(abs(start - time.values[0]) < 0.001)
        #expect(rec.subject.code == "0001")
        #expect(rec.recordingInfo.text.contains("back"))
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func pageTimeJumpMakesSegments() throws {
        let reader = try GENEActivReader(path: SharedData.path(Self.bin))
        let ref = try NPYArray.readNPZ(SharedData.path("data/skdh_wearable_imu/gnactv_data.npz"))
        let time = try #require(ref["time"]).values
        let segments = try reader.segments()
        // Page 1 starts 6.5 s after page 0, which lasts 6 s: the 0.5 s pause splits the recording.
        #expect(segments.count == 2)
        #expect(segments.first?.duration == 6)
        #expect(abs((segments.last?.onset ?? 0) - (time[300] - time[0])) < 0.001)
        #expect(segments.last?.dataStart == 6)
        var onsets: [Double] = []
        while let chunk = try reader.nextChunk() { onsets.append(chunk.onset) }
        #expect(onsets == [0, 6.5])
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func chunksEqualReadAll() throws {
        let reader = try GENEActivReader(path: SharedData.path(Self.bin))
        let whole = try reader.readAll()
        #expect(try WearableScratch.concatenatedChunks(reader) == whole.signals.map(\.samples))
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func malformedFilesThrowTypedErrors() throws {
        let bytes = try WearableScratch.read(SharedData.path(Self.bin))
        let text = String(decoding: bytes, as: UTF8.self)
        let lastData = try #require(text.range(of: "Measurement Frequency:50.0\n", options: .backwards))
        let dataStart = text.utf8.distance(from: text.startIndex, to: lastData.upperBound)

        let cut = try WearableScratch.write(Array(bytes.prefix(dataStart + 1000)), name: "cut.bin")
        #expect(throws: FormatError.truncated(file: cut, offset: dataStart, field: "GENEActiv page data",
                                              expectedBytes: 3600, availableBytes: 1000)) {
            try GENEActivReader(path: cut)
        }
        var notHex = bytes
        notHex[dataStart + 7] = UInt8(ascii: "G")
        let hexPath = try WearableScratch.write(notHex, name: "nothex.bin")
        let reader = try GENEActivReader(path: hexPath)
        #expect(throws: FormatError.invalidField(file: hexPath, offset: dataStart + 7, field: "GENEActiv page data",
                                                 value: "G", reason: "is not a hex digit")) {
            try reader.readAll()
        }
        let noGain = try WearableScratch.write(Array(text.replacingOccurrences(of: "y gain:25457", with: "y gain:abc").utf8),
                                               name: "gain.bin")
        #expect { try GENEActivReader(path: noGain) } throws: { error in
            guard case let .invalidField(_, offset, field, _, _) = error as? FormatError else { return false }
            return field == "y gain" && offset > 0
        }
        let notGENEActiv = try WearableScratch.write(Array("Hello\n".utf8), name: "other.bin")
        #expect { try GENEActivReader(path: notGENEActiv) } throws: { ($0 as? FormatError)?.file == notGENEActiv }
    }

    @Test func parsesGENEActivTimes() {
        #expect(GENEActivHeader.parseTime("2019-05-21 16:16:43:500") == 1_558_455_403.5)
        #expect(GENEActivHeader.parseTime("2019-13-21 16:16:43:500") == nil)
        #expect(GENEActivHeader.parseTime("garbage") == nil)
    }
}

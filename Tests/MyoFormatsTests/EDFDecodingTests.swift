import Foundation
import Testing
@testable import MyoFormats
import MyoSignal

/// The decoding kernels against the formula of the EDF standard applied one sample at
/// a time: they must agree to the bit, for every record layout (samples per record below 8, a
/// multiple of 8, and with a remainder), at any signal offset in the record.
@Suite("EDF sample decoding kernels")
struct EDFDecodingTests {
    /// Deterministic bytes from a linear congruential generator, covering every 16-bit value class
    /// (both signs, the extremes).
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    @Test(arguments: [1, 7, 8, 13, 64, 100])
    func sixteenBitKernelEqualsTheScalarFormula(samplesPerRecord spr: Int) {
        let records = 3, signalOffset = 6
        let recordSize = signalOffset + 2 * spr + 10
        var raw = Self.bytes(records * recordSize, seed: UInt64(spr))
        // The extremes of the 16-bit range appear in the first record.
        if spr >= 2 {
            raw[signalOffset] = 0x00; raw[signalOffset + 1] = 0x80
            raw[signalOffset + 2] = 0xFF; raw[signalOffset + 3] = 0x7F
        }
        for (gain, offset) in [(1000.0 / 65535, 1000.0 / 65535 / 2), (0.123456789, -4321.5), (-3e-5, 1e6)] {
            let decoded = [Float](unsafeUninitializedCapacity: records * spr) { out, initialized in
                raw.withUnsafeBytes { bytes in
                    EDFDecoding.physical16(bytes, records: records, recordSize: recordSize, signalOffset: signalOffset,
                                           samplesPerRecord: spr, gain: gain, offset: offset, into: out)
                }
                initialized = records * spr
            }
            var mismatches = 0
            for r in 0..<records {
                for k in 0..<spr {
                    let at = r * recordSize + signalOffset + 2 * k
                    let digital = Int16(bitPattern: UInt16(raw[at]) | UInt16(raw[at + 1]) << 8)
                    let expected = Float(gain * Double(digital) + offset)
                    if decoded[r * spr + k].bitPattern != expected.bitPattern { mismatches += 1 }
                }
            }
            #expect(mismatches == 0, "gain \(gain), offset \(offset): \(mismatches) samples differ")
        }
    }
}

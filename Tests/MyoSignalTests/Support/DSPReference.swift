import Foundation
import MyoTestSupport
import MyoSignal
import Testing

/// The scipy/numpy reference vectors in Tests/Fixtures/dsp/reference.json
/// (made by Tools/reference/make_dsp_reference.py).
struct DSPReference: Decodable {
    struct Band: Decodable {
        var type: String
        var edges: [Double]

        var filterBand: FilterBand {
            switch type {
            case "lowpass": return .lowPass(edges[0])
            case "highpass": return .highPass(edges[0])
            case "bandpass": return .bandPass(edges[0], edges[1])
            default: return .bandStop(edges[0], edges[1])
            }
        }
    }

    struct ButterCase: Decodable {
        var order: Int
        var band: Band
        var fs: Double
        var output: [Double]
        var outputSteadyState: [Double]
        var freqs: [Double]
        var real: [Double]
        var imag: [Double]
    }

    struct FiltfiltCase: Decodable {
        var order: Int
        var band: Band
        var fs: Double
        var output: [Double]
    }

    struct NotchCase: Decodable {
        var w0: Double
        var q: Double
        var fs: Double
        var b: [Double]
        var a: [Double]
        var output: [Double]
    }

    struct ResampleCase: Decodable {
        var up: Int
        var down: Int
        var input: [Double]
        var output: [Double]
    }

    struct MovingCase: Decodable {
        var window: Int
        var trailingMean: [Double]
        var trailingRMS: [Double]
        var centredMean: [Double]
        var centredRMS: [Double]
    }

    struct Statistics: Decodable {
        var input: [Double]
        var percentiles: [Double]
        var values: [Double]
        var median: Double
        var mad: Double
        var madNormal: Double
        var evenMedian: Double
        var evenInput: [Double]
    }

    var input: [Double]
    var butter: [ButterCase]
    var filtfilt: [FiltfiltCase]
    var notch: [NotchCase]
    var resample: [ResampleCase]
    var moving: [MovingCase]
    var teager: [Double]
    var statistics: Statistics

    var inputFloats: [Float] { input.map { Float($0) } }

    static var repositoryRoot: URL { SharedData.repositoryRoot }

    static func load() throws -> DSPReference {
        let url = repositoryRoot.appendingPathComponent("Tests/Fixtures/dsp/reference.json")
        return try JSONDecoder().decode(DSPReference.self, from: Data(contentsOf: url))
    }
}

/// The largest |actual - expected|, relative to the largest |expected| (or 1 if that is smaller).
func relativeError(_ actual: [Float], _ expected: [Double]) -> Double {
    relativeError(actual.map(Double.init), expected)
}

func relativeError(_ actual: [Double], _ expected: [Double]) -> Double {
    guard actual.count == expected.count else { return .infinity }
    let scale = max(1, expected.map { abs($0) }.max() ?? 0)
    var worst = 0.0
    for (a, e) in zip(actual, expected) { worst = max(worst, abs(a - e)) }
    return worst / scale
}

/// Splits `count` into random chunk sizes (including empty chunks), from a fixed seed.
func randomChunkSizes(total count: Int, seed: UInt64, maximum: Int = 97) -> [Int] {
    var generator = SplitMix64(seed: seed)
    var sizes: [Int] = []
    var remaining = count
    while remaining > 0 {
        let size = min(remaining, Int(generator.next() % UInt64(maximum + 1)))
        sizes.append(size)
        remaining -= size
    }
    return sizes
}

/// A small deterministic generator so that test data never depend on the platform's RNG.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A standard normal deviate (Box–Muller).
    mutating func normal() -> Double {
        let u1 = max(Double(next() >> 11) / Double(1 << 53), 1e-300)
        let u2 = Double(next() >> 11) / Double(1 << 53)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

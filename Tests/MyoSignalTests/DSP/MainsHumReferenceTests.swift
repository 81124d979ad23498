import Foundation
@testable import MyoSignal
import Testing

/// `MainsHum` against the method written out directly in `Double`: a least-squares fit of the
/// harmonics over every 1 s block (blocks overlapping by half, partial ones at the ends), Hann
/// cross-fade, subtraction. Covers rates whose harmonics repeat over a short tile of samples
/// (1 kHz with 50 and 60 Hz, 256 Hz) and one that has no such period (1000.5 Hz), fed in
/// chunks of every size so that halves straddle chunks.
@Suite("Mains hum removal against the direct least-squares method")
struct MainsHumReferenceTests {
    /// Normal equations solved by Gaussian elimination with partial pivoting; nil if singular.
    static func solve(_ matrix: [[Double]], _ rhs: [Double]) -> [Double]? {
        var a = matrix, b = rhs
        let k = b.count
        for column in 0..<k {
            guard let pivot = (column..<k).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                  abs(a[pivot][column]) > 1e-12 else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<k {
                let factor = a[row][column] / a[column][column]
                for c in column..<k { a[row][c] -= factor * a[column][c] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: k)
        for row in stride(from: k - 1, through: 0, by: -1) {
            var sum = b[row]
            for c in (row + 1)..<k { sum -= a[row][c] * x[c] }
            x[row] = sum / a[row][row]
        }
        return x
    }

    /// The hum-free signal by the direct method, 1 s blocks.
    static func reference(_ x: [Float], rate: Double, mains: Double, harmonics: Int) -> [Float] {
        let usable = min(harmonics, Int(((rate / 2) / mains).rounded(.up)) - 1)
        let k = 2 * usable
        let hop = max(2 * k, Int((rate / 2).rounded()))
        func basis(_ m: Int) -> [Double] {
            (0..<k).map { i in
                let phase = 2 * Double.pi * mains * Double(i / 2 + 1) * Double(m) / rate
                return i % 2 == 0 ? cos(phase) : sin(phase)
            }
        }
        var hum = [Double](repeating: 0, count: x.count)
        for block in -1..<((x.count + hop - 1) / hop) {
            let origin = block * hop
            let rows = max(0, origin)..<min(x.count, origin + 2 * hop)
            guard rows.count >= 2 * k else { continue }
            var gram = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
            var rhs = [Double](repeating: 0, count: k)
            for n in rows {
                let b = basis(n - origin)
                for i in 0..<k {
                    rhs[i] += b[i] * Double(x[n])
                    for j in 0..<k { gram[i][j] += b[i] * b[j] }
                }
            }
            guard let coefficients = solve(gram, rhs) else { continue }
            for n in rows {
                let b = basis(n - origin)
                let s = sin(Double.pi * Double(n - origin) / Double(2 * hop))
                hum[n] += s * s * zip(coefficients, b).map { $0 * $1 }.reduce(0, +)
            }
        }
        return zip(x, hum).map { Float(Double($0) - $1) }
    }

    @Test(arguments: [(1000.0, 50.0, 3), (1000, 60, 3), (256, 50, 5), (1000.5, 50, 3)])
    func chunkedRemovalMatchesTheDirectMethod(_ setting: (rate: Double, mains: Double, harmonics: Int)) throws {
        let (rate, mains, harmonics) = setting
        var generator = SplitMix64(seed: 31)
        let signal: [Float] = (0..<Int(rate * 7.3)).map { n in
            let t = Double(n) / rate
            return Float(generator.normal() + 20 * sin(2 * Double.pi * mains * t + 0.3)
                + 3 * (1 + 0.2 * t) * sin(2 * Double.pi * 3 * mains * t + 1))
        }
        let expected = Self.reference(signal, rate: rate, mains: mains, harmonics: harmonics)
        var remover = try MainsHum(sampleRate: rate, mainsFrequency: mains, harmonics: harmonics)
        var output: [Float] = []
        var start = 0
        for size in randomChunkSizes(total: signal.count, seed: 8, maximum: 900) {
            output += remover.process(Array(signal[start..<(start + size)]))
            start += size
        }
        output += remover.finish()
        try #require(output.count == expected.count)
        let worst = zip(output, expected).map { abs(Double($0) - Double($1)) }.max() ?? 0
        // A few Float roundings of samples of about 25.
        #expect(worst < 5e-5, "largest difference \(worst)")
    }
}

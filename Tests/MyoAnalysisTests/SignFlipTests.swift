@testable import MyoAnalysis
import MyoDetect
import Testing

/// The sign-flip test of the pre-jerk transient: its table of signed sums against a direct
/// sum with the same signs, its p-values under the null hypothesis and with a real deflection.
@Suite struct SignFlipTests {
    /// `count` epochs of `length` samples of seeded Gaussian noise (µV), plus `deflection` at sample 10.
    private func epochs(_ count: Int, length: Int, seed: UInt64, deflection: Float = 0) -> [[Float]] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in (0..<length).map { k in 20 * Float(random.normal()) + (k == 10 ? deflection : 0) } }
    }

    private func test(_ rows: [[Float]], sets: Int, seed: UInt64) -> (observed: Double, pValue: Double)? {
        var flips = SignFlipAverages(sets: sets, length: rows.first?.count ?? 0, seed: seed)
        for r in rows { r.withUnsafeBufferPointer { flips.add($0, scale: 1, baseline: 0) } }
        return flips.test()
    }

    @Test func tableOfSignedSumsEqualsTheDirectSum() throws {
        // 21 epochs: two whole groups of eight and a partial one of five.
        let rows = epochs(21, length: 13, seed: 3)
        let sets = 37
        let result = try #require(test(rows, sets: sets, seed: 9))
        // The same signs drawn directly: per group of eight epochs, one 64-bit word per eight
        // sets, set s's byte s % 8, bit k for the group's epoch k (set: +, clear: −).
        var random = SplitMix64(seed: 9, stream: 2)
        var sums = [[Double]](repeating: [Double](repeating: 0, count: 13), count: sets)
        for group in stride(from: 0, to: rows.count, by: 8) {
            var word: UInt64 = 0
            for s in 0..<sets {
                if s % 8 == 0 { word = random.next() }
                let pattern = (word >> (8 * UInt64(s % 8))) & 0xFF
                for k in 0..<8 where group + k < rows.count {
                    let sign: Double = (pattern >> UInt64(k)) & 1 == 1 ? 1 : -1
                    for j in 0..<13 { sums[s][j] += sign * Double(rows[group + k][j]) }
                }
            }
        }
        let n = Double(rows.count)
        let observed = (0..<13).map { j in abs(rows.reduce(0) { $0 + Double($1[j]) }) / n }.max() ?? 0
        let peaks = sums.map { row in row.map { abs($0) / n }.max() ?? 0 }
        #expect(abs(result.observed - observed) < 1e-4)
        let atLeast = peaks.filter { $0 >= result.observed }.count
        #expect(result.pValue == Double(1 + atLeast) / Double(1 + sets))
    }

    @Test func nullPValuesAreUniformAndADeflectionIsFound() throws {
        // 200 recordings of pure noise: about 5 % fall below 0.05 (binomial 10 ± 3; 3 SD each way).
        var below = 0
        for seed in UInt64(1)...200 {
            let p = try #require(test(epochs(60, length: 50, seed: seed), sets: 99, seed: seed).map(\.pValue))
            if p < 0.05 { below += 1 }
        }
        #expect((1...20).contains(below), "\(below) of 200 null recordings below 0.05")
        // A 12 µV deflection under 20 µV noise at 60 epochs (about 4.6 standard errors).
        let found = try #require(test(epochs(60, length: 50, seed: 7, deflection: 12), sets: 199, seed: 1))
        #expect(found.pValue == 1.0 / 200)
        #expect(test([], sets: 99, seed: 1) == nil)
    }
}

@Suite struct CharacterisationParameterTests {
    @Test func aChangedSettingIsNotListedAsDefault() {
        var characterisation = Characterisation()
        characterisation.backAveraging = BackAveragingResult(backAveraging: [], triggerSource: "given times", triggersGiven: 0, triggersLockedOut: 0)
        var options = CharacterisationOptions()
        let before = options.parameters(for: characterisation)
        #expect(!before.isEmpty && before.allSatisfy(\.isDefault))
        options.backAveraging.significanceTest = .shuffledTriggers
        let changed = options.parameters(for: characterisation).filter { !$0.isDefault }.map(\.name)
        #expect(changed == ["backAveraging.significanceTest"])
    }
}

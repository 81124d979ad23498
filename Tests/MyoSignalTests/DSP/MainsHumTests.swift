import Foundation
@testable import MyoSignal
import Testing

@Suite("Mains hum detection and ringing-free removal")
struct MainsHumTests {
    static let rate = 1000.0
    static let burstStart = 5123

    /// 10 s of unit broadband noise with a 30 ms burst (std 8) at 5.123 s.
    static func cleanSignal() -> [Float] {
        var generator = SplitMix64(seed: 2024)
        return (0..<10_000).map { n in
            let burst = (burstStart..<(burstStart + 30)).contains(n) ? 8.0 : 0.0
            return Float(generator.normal() * (1 + burst))
        }
    }

    static func withHum(_ clean: [Float], frequency: Double) -> [Float] {
        clean.enumerated().map { n, value in
            let t = Double(n) / rate
            // Slow amplitude drift and a third harmonic, as real mains pick-up has.
            let hum = 5 * (1 + 0.1 * sin(2 * Double.pi * 0.1 * t)) * sin(2 * Double.pi * frequency * t + 0.3)
                + 1.0 * sin(2 * Double.pi * 3 * frequency * t + 1.1)
            return value + Float(hum)
        }
    }

    /// First sample from 200 ms before the burst whose magnitude exceeds 6 (6 noise SDs).
    static func onset(_ signal: [Float]) -> Int? {
        ((burstStart - 200)..<(burstStart + 100)).first { abs(signal[$0]) > 6 }
    }

    @Test func removesHumAndKeepsBurstOnsetWithin2ms() throws {
        let clean = Self.cleanSignal()
        let noisy = Self.withHum(clean, frequency: 50)
        let cleaned = try MainsHum.remove(noisy, sampleRate: Self.rate, mainsFrequency: 50)
        #expect(cleaned.count == noisy.count)
        let trueOnset = try #require(Self.onset(clean))
        #expect(abs(trueOnset - Self.burstStart) <= 2)
        // Without removal the hum alone crosses the threshold long before the burst.
        #expect((Self.onset(noisy) ?? Int.max) < Self.burstStart - 20)
        let cleanedOnset = try #require(Self.onset(cleaned))
        #expect(abs(cleanedOnset - trueOnset) <= 2, "onset moved from \(trueOnset) to \(cleanedOnset) samples")
        // The residual is small everywhere, including the signal's ends and around the burst.
        let residual = zip(cleaned, clean).map { Double($0 - $1) }
        let rms = (residual.map { $0 * $0 }.reduce(0, +) / Double(residual.count)).squareRoot()
        #expect(rms < 0.15, "residual RMS \(rms)")
        let worstNearBurst = residual[(Self.burstStart - 100)..<(Self.burstStart + 130)].map(abs).max() ?? .infinity
        #expect(worstNearBurst < 0.5)
    }

    @Test func chunkedEqualsWholeSignal() throws {
        let noisy = Self.withHum(Self.cleanSignal(), frequency: 60)
        let expected = try MainsHum.remove(noisy, sampleRate: Self.rate, mainsFrequency: 60)
        for seed in UInt64(50)...52 {
            var remover = try MainsHum(sampleRate: Self.rate, mainsFrequency: 60)
            var output: [Float] = []
            var start = 0
            for size in randomChunkSizes(total: noisy.count, seed: seed, maximum: 1500) {
                output += remover.process(Array(noisy[start..<(start + size)]))
                start += size
            }
            output += remover.finish()
            #expect(output == expected, "seed \(seed)")
        }
    }

    @Test func detectsWhichMainsFrequencyIsPresent() throws {
        let clean = Self.cleanSignal()
        let fifty = try MainsHum.detect(Self.withHum(clean, frequency: 50), sampleRate: Self.rate)
        #expect(fifty.frequency == 50)
        #expect(fifty.ratio50 > 100)
        let sixty = try MainsHum.detect(Self.withHum(clean, frequency: 60), sampleRate: Self.rate)
        #expect(sixty.frequency == 60)
        let none = try MainsHum.detect(clean, sampleRate: Self.rate)
        #expect(none.frequency == nil)
        #expect(none.ratio50 < 3 && none.ratio60 < 3)
        #expect(throws: DSPError.signalTooShort(length: 100, required: 250)) { try MainsHum.detect(Array(clean.prefix(100)), sampleRate: Self.rate) }
    }

    @Test func shortAndEmptySignalsAndBadParameters() throws {
        #expect(try MainsHum.remove([], sampleRate: 250, mainsFrequency: 50).isEmpty)
        let short: [Float] = [1, 2, 3]
        #expect(try MainsHum.remove(short, sampleRate: 250, mainsFrequency: 50) == short)
        #expect(throws: DSPError.cutoffOutOfRange(frequency: 50, nyquist: 12.5)) { try MainsHum(sampleRate: 25, mainsFrequency: 50) }
        #expect(try MainsHum(sampleRate: 250, mainsFrequency: 50).harmonics == 2)
    }
}

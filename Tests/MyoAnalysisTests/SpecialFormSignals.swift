import Foundation
import MyoDetect

/// The seeded generator of the special-form test signals: MyoDetect's SplitMix64, offset so the
/// signals stay the ones the tests were written against.
func specialFormRandom(seed: UInt64) -> SplitMix64 { SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15) }

/// A phone clip: room noise, clicks (decaying 2-5 kHz ringing of 2-4 ms) at `clickTimes`,
/// and speech-like bursts (150-400 ms of modulated noise, louder than the clicks) at `speechTimes`.
func syntheticClickClip(rate: Double, seconds: Double, clickTimes: [Double], speechTimes: [Double], seed: UInt64) -> [Float] {
    var random = specialFormRandom(seed: seed)
    let count = Int(seconds * rate)
    var samples = (0..<count).map { _ in Float(0.01 * random.normal()) }
    for time in clickTimes {
        let frequency = 2000 + 3000 * random.unit()
        let decay = 0.0007 + 0.0005 * random.unit()
        let start = Int(time * rate)
        for offset in 0..<Int(0.004 * rate) where start + offset < count {
            let t = Double(offset) / rate
            samples[start + offset] += Float(0.3 * exp(-t / decay) * sin(2 * .pi * frequency * t))
        }
    }
    for time in speechTimes {
        let length = 0.15 + 0.25 * random.unit()
        let start = Int(time * rate)
        for offset in 0..<Int(length * rate) where start + offset < count {
            let t = Double(offset) / rate
            let envelope = sin(.pi * t / length)
            samples[start + offset] += Float(0.5 * envelope * random.normal())
        }
    }
    return samples
}

/// A respiration belt: breathing at 12-20 per minute with varying depth, noise, deep breaths,
/// and hiccups (a sharp inspiratory jolt rising in about 30 ms, relaxing over about 0.4 s).
func syntheticBreathing(rate: Double, seconds: Double, hiccupTimes: [Double], seed: UInt64) -> [Float] {
    var random = specialFormRandom(seed: seed)
    let count = Int(seconds * rate)
    var samples = [Float](repeating: 0, count: count)
    var phase = 0.0
    var targetDepth = 1.0, depth = 1.0
    var targetRate = 0.25, breathRate = 0.25
    // Depth and rate glide towards each cycle's target (time constant 1 s), as real breathing does.
    let glide = 1 - exp(-1 / rate)
    for index in 0..<count {
        let before = phase
        phase += 2 * .pi * breathRate / rate
        if floor(before / (2 * .pi)) != floor(phase / (2 * .pi)) {
            targetDepth = random.unit() < 0.1 ? 2.5 : 0.8 + 0.4 * random.unit()
            targetRate = 0.2 + 0.13 * random.unit()
        }
        depth += glide * (targetDepth - depth)
        breathRate += glide * (targetRate - breathRate)
        samples[index] = Float(depth * sin(phase) + 0.01 * random.normal())
    }
    for time in hiccupTimes {
        let amplitude = 0.25 + 0.2 * random.unit()
        let start = Int(time * rate)
        for offset in 0..<Int(2.0 * rate) where start + offset < count {
            let t = Double(offset) / rate
            samples[start + offset] += Float(amplitude * (1 - exp(-t / 0.01)) * exp(-t / 0.4))
        }
    }
    return samples
}

/// Counts one-to-one onset matches within `tolerance` seconds (both lists sorted).
func matchCount(found: [Double], truth: [Double], tolerance: Double) -> Int {
    var used = Set<Int>()
    var matched = 0
    for time in found {
        if let index = truth.indices.first(where: { !used.contains($0) && abs(truth[$0] - time) <= tolerance }) {
            used.insert(index)
            matched += 1
        }
    }
    return matched
}

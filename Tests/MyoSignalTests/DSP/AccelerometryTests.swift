import Foundation
@testable import MyoSignal
import Testing

@Suite("Vector magnitude, ENMO and gravity removal")
struct AccelerometryTests {
    @Test func vectorMagnitudeAndEnmo() throws {
        let samples = try TriaxialSamples(x: [0, 3, 0.6], y: [0, 4, 0], z: [1, 0, 0.8])
        #expect(VectorMagnitude.compute(samples) == [1, 5, 1])
        #expect(VectorMagnitude.enmo(samples) == [0, 4, 0])
        #expect(throws: DSPError.lengthMismatch([2, 1, 1])) { try TriaxialSamples(x: [0, 0], y: [0], z: [0]) }
    }

    /// Gravity slowly rotating from z to x over a minute, plus 30 ms jerks on x; 50 Hz sampling.
    private func syntheticRecording(rate: Double) throws -> (raw: TriaxialSamples, jerks: [Float]) {
        let n = Int(60 * rate)
        var x = [Float](), y = [Float](), z = [Float](), jerks = [Float]()
        for i in 0..<n {
            let t = Double(i) / rate
            let angle = Double.pi / 2 * t / 60
            let jerkPhase = t.truncatingRemainder(dividingBy: 5)
            let jerk = jerkPhase < 0.03 ? 0.5 * sin(Double.pi * jerkPhase / 0.03) : 0
            x.append(Float(sin(angle) + jerk))
            y.append(0.02)
            z.append(Float(cos(angle)))
            jerks.append(Float(jerk))
        }
        return (try TriaxialSamples(x: x, y: y, z: z), jerks)
    }

    @Test func gravityRemovalKeepsJerksAndDropsGravity() throws {
        let rate = 50.0
        let (raw, jerks) = try syntheticRecording(rate: rate)
        var removal = try GravityRemoval(sampleRate: rate)
        let dynamic = removal.process(raw)
        // After the first 10 s the remaining gravity is small and the jerks keep most of their height.
        let settled = Int(10 * rate)..<raw.count
        let residualZ = settled.map { abs(dynamic.z[$0]) }.max() ?? 1
        // The causal low-pass lags a rotating gravity by ~2 s (≈ 0.026 g/s here), so a few
        // hundredths of a g remain; without removal the z axis would still be near 1 g.
        #expect(residualZ < 0.08)
        #expect((settled.map { abs(raw.z[$0]) }.max() ?? 0) > 0.9)
        for jerkStart in stride(from: Int(10 * rate), to: raw.count, by: Int(5 * rate)) {
            let peak = dynamic.x[jerkStart..<(jerkStart + 3)].max() ?? 0
            let truth = jerks[jerkStart..<(jerkStart + 3)].max() ?? 0
            #expect(abs(peak - truth) < 0.08)
        }
        // The first sample has no transient because the filters start at steady state.
        #expect(abs(dynamic.z[0]) < 1e-6)
    }

    @Test func gravityRemovalChunkedEqualsWhole() throws {
        let (raw, _) = try syntheticRecording(rate: 25)
        var whole = try GravityRemoval(sampleRate: 25)
        let expected = whole.process(raw)
        var chunked = try GravityRemoval(sampleRate: 25)
        var x: [Float] = [], y: [Float] = [], z: [Float] = []
        var start = 0
        for size in randomChunkSizes(total: raw.count, seed: 41) {
            let range = start..<(start + size)
            let part = chunked.process(try TriaxialSamples(x: Array(raw.x[range]), y: Array(raw.y[range]), z: Array(raw.z[range])))
            x += part.x; y += part.y; z += part.z
            start += size
        }
        #expect(x == expected.x && y == expected.y && z == expected.z)
        #expect(throws: DSPError.cutoffOutOfRange(frequency: 0.2, nyquist: 0.1)) { try GravityRemoval(sampleRate: 0.2) }
    }
}

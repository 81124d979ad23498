import Foundation
import MyoDetect
import MyoSignal
import Testing

/// Synthetic motion: gravity on a slowly turning wrist, sensor noise, and the movements the
/// detector must find (jerks, lapses) or reject (walking, a reach, a posture change).
struct MotionScene {
    var rate = 100.0
    var x: [Float], y: [Float], z: [Float]
    private var generator: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(seconds: Double, rate: Double = 100) {
        self.rate = rate
        let n = Int(seconds * rate)
        x = []; y = []; z = []
        for i in 0..<n {
            let t = Double(i) / rate
            // Orientation drifting over a minute keeps 1 g along a slowly turning direction.
            let tilt = 0.3 * sin(2 * Double.pi * t / 60)
            x.append(Float(sin(tilt) * 0.2)); y.append(Float(-0.25)); z.append(Float(cos(tilt) * 0.95))
        }
        for i in 0..<n { x[i] += noise(); y[i] += noise(); z[i] += noise() }
    }

    mutating func noise() -> Float {
        generator = generator &* 6364136223846793005 &+ 1442695040888963407
        return Float(Double(generator >> 11) / Double(1 << 53) - 0.5) * 0.007
    }

    var gravityDirection: (Double, Double, Double) { (0.2, -0.25, 0.95) }

    /// A damped oscillation at `frequency` Hz along `direction`, starting at `onset` s.
    mutating func jerk(at onset: Double, peak: Double = 0.15, frequency: Double = 10, direction: (Double, Double, Double) = (0.6, 0.3, 0.74)) {
        add(from: onset, length: 0.5, direction: direction) { t in peak * exp(-t / 0.06) * sin(2 * .pi * frequency * t) / 0.62 }
    }

    /// A fall along gravity at `frequency` Hz (3-6 Hz) starting at `onset` s.
    mutating func lapse(at onset: Double, depth: Double = 0.06, frequency: Double = 4) {
        add(from: onset, length: 0.5, direction: gravityDirection) { t in -depth * exp(-t / 0.08) * sin(2 * .pi * frequency * t) / 0.6 }
    }

    /// Walking: a 1.8 Hz step pattern with harmonics, mostly vertical.
    mutating func walk(from start: Double, seconds: Double, amplitude: Double = 0.25) {
        add(from: start, length: seconds, direction: (0.2, 0.3, 0.93)) { t in
            amplitude * (sin(2 * .pi * 1.8 * t) + 0.5 * sin(2 * .pi * 3.6 * t + 0.7) + 0.25 * sin(2 * .pi * 5.4 * t + 1.3))
        }
    }

    /// A deliberate reach: one cycle of a sinusoid over `seconds`.
    mutating func reach(at onset: Double, seconds: Double = 0.7, peak: Double = 0.15) {
        add(from: onset, length: seconds, direction: (0.8, 0.5, 0.33)) { t in peak * sin(2 * .pi * t / seconds) }
    }

    /// A posture change: gravity turns by `angle` radians over `seconds` (a smooth step).
    mutating func turn(at onset: Double, seconds: Double = 1.5, angle: Double = 0.8) {
        let n0 = Int(onset * rate)
        for i in n0..<x.count {
            let u = min(1, Double(i - n0) / (seconds * rate))
            let a = angle * (0.5 - 0.5 * cos(.pi * u))
            let (oy, oz) = (Double(y[i]) + 0.25, Double(z[i]))
            y[i] = Float(oy * cos(a) - oz * sin(a) - 0.25)
            z[i] = Float(oy * sin(a) + oz * cos(a))
        }
    }

    private mutating func add(from start: Double, length: Double, direction d: (Double, Double, Double), _ wave: (Double) -> Double) {
        let norm = (d.0 * d.0 + d.1 * d.1 + d.2 * d.2).squareRoot()
        let n0 = Int((start * rate).rounded(.up))
        let n1 = min(x.count, n0 + Int(length * rate))
        guard n0 < n1 else { return }
        for i in n0..<n1 {
            let w = wave(Double(i) / rate - start)
            x[i] += Float(w * d.0 / norm); y[i] += Float(w * d.1 / norm); z[i] += Float(w * d.2 / norm)
        }
    }

    var axes: [[Float]] { [x, y, z] }
}

@Suite struct MotionDetectorTests {
    static func run(_ axes: [[Float]], rate: Double = 100, unit: String = "g", kind: ChannelKind = .acc,
                    chunks: [Int]? = nil) throws -> DetectorOutput {
        var detector = try MotionDetector(channelIndices: Array(0..<axes.count), labels: ["ACC_X", "ACC_Y", "ACC_Z"].prefix(axes.count).map { $0 },
                                          unit: unit, sampleRate: rate, kind: kind)
        var output = DetectorOutput()
        if let chunks {
            var start = 0, c = 0
            while start < axes[0].count {
                let end = min(axes[0].count, start + chunks[c % chunks.count])
                output.append(detector.process(axes.map { Array($0[start..<end]) }))
                start = end; c += 1
            }
        } else {
            output.append(detector.process(axes))
        }
        output.append(detector.finish())
        return output
    }

    @Test func findsJerksAndLapsesAtRest() throws {
        var scene = MotionScene(seconds: 40)
        let jerks = [5.0, 11.3, 17.8, 30.2]
        let lapses = [8.0, 24.5]
        for t in jerks { scene.jerk(at: t) }
        scene.jerk(at: 20.0, peak: 0.08, frequency: 14, direction: (-0.7, 0.6, 0.2))
        for t in lapses { scene.lapse(at: t) }
        let output = try Self.run(scene.axes)
        let found = output.events.filter { $0.source == .motionJerk }.map(\.onset)
        for t in jerks + [20.0] { #expect(found.contains { abs($0 - t) < 0.1 }, "jerk at \(t)") }
        let foundLapses = output.events.filter { $0.source == .motionLapse }.map(\.onset)
        for t in lapses { #expect(foundLapses.contains { abs($0 - t) < 0.1 }, "lapse at \(t)") }
        #expect(output.events.count <= 8)
        let first = try #require(output.events.first)
        #expect(first.channel == "ACC" && first.unit == "g" && first.channelIndex == 0)
        #expect(first.peak > first.baseline && first.confidence >= 0.5 && first.confidence <= 1)
    }

    @Test func rejectsWalkingReachesAndPostureChanges() throws {
        var scene = MotionScene(seconds: 70)
        scene.walk(from: 5, seconds: 30)
        scene.reach(at: 40, seconds: 0.7)
        scene.reach(at: 45, seconds: 1.5, peak: 0.1)
        scene.turn(at: 52, seconds: 1.5)
        scene.jerk(at: 62)
        let output = try Self.run(scene.axes)
        let jerks = output.events.filter { $0.polarity == .positive }
        #expect(jerks.filter { $0.onset < 60 }.count <= 1, "\(jerks.map(\.onset)) \(output.events.map { "\($0.source) \($0.onset) \($0.peak)" })")
        #expect(jerks.contains { abs($0.onset - 62) < 0.1 })
        #expect(output.longActivity.contains { $0.onset < 10 && $0.offset > 30 })
    }

    @Test func chunkedEqualsWhole() throws {
        var scene = MotionScene(seconds: 30)
        for t in [3.0, 7.5, 12.0, 12.35, 20.1] { scene.jerk(at: t) }
        scene.lapse(at: 16)
        scene.reach(at: 24)
        let whole = try Self.run(scene.axes)
        #expect(!whole.events.isEmpty)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            let sizes = (0..<20).map { _ in Int.random(in: 1...700, using: &generator) }
            #expect(try Self.run(scene.axes, chunks: sizes) == whole, "chunks \(sizes)")
        }
    }

    @Test func convertsUnits() throws {
        var scene = MotionScene(seconds: 15)
        scene.jerk(at: 6)
        let inG = try Self.run(scene.axes)
        let scaled = scene.axes.map { $0.map { $0 * 9.80665 } }
        let inSI = try Self.run(scaled, unit: "m/s^2")
        #expect(inSI.events.count == inG.events.count)
        for (a, b) in zip(inSI.events, inG.events) {
            #expect(abs(a.onset - b.onset) < 1e-9 && abs(a.peak - b.peak) < 1e-3 * b.peak && a.unit == "g")
        }
        let gyro = try Self.run([scene.x.map { $0 * 300 }], kind: .gyro)
        #expect(gyro.events.allSatisfy { $0.unit == "deg/s" && $0.source == .motionJerk })
    }

    @Test func flatAndShortSignalsGiveNothing() throws {
        let flat = [[Float]](repeating: [Float](repeating: 1, count: 3000), count: 3)
        #expect(try Self.run(flat).events.isEmpty)
        let short = [[Float]](repeating: [0.1, 0.9, 0.2], count: 3)
        #expect(try Self.run(short).events.isEmpty)
        #expect(try Self.run([[], [], []]) == DetectorOutput())
        #expect(MotionDetector.envelope(flat, sampleRate: 100, parameters: .init()).allSatisfy { $0 == 0 })
        #expect(MotionDetector.envelope(flat, sampleRate: 10, parameters: .init()).isEmpty)
    }

    @Test func rejectsBadConfigurations() {
        #expect(throws: DetectorError.self) { try MotionDetector(channelIndices: [0, 1], labels: ["a", "b"], unit: "g", sampleRate: 100, kind: .acc) }
        #expect(throws: DetectorError.self) { try MotionDetector(channelIndices: [0], labels: ["a"], unit: "g", sampleRate: 20, kind: .acc) }
        #expect(throws: DetectorError.self) { try MotionDetector(channelIndices: [0], labels: ["a"], unit: "uV", sampleRate: 1000, kind: .emg) }
        var p = MotionDetectorParameters()
        p.onsetFactor = .nan
        #expect(throws: DetectorError.self) { try p.validate() }
        p = MotionDetectorParameters()
        p.movementLow = 2; p.movementHigh = 1
        #expect(throws: DetectorError.self) { try p.validate() }
        p = MotionDetectorParameters()
        p.transientLow = 12
        // At 25 Hz the transient band ends at 10 Hz, below a 12 Hz lower edge.
        #expect(throws: DetectorError.self) { try MotionDetector(channelIndices: [0], labels: ["a"], unit: "g", sampleRate: 25, kind: .acc, parameters: p) }
        #expect(throws: Never.self) { try MotionDetectorParameters().validate() }
        #expect(MotionDetectorParameters().described.allSatisfy { $0.isDefault && !$0.source.isEmpty })
    }
}

import Foundation

/// Makes the accelerometer (g) and gyroscope (deg/s) axes, chunk after chunk, from a
/// ``SimulationPlan`` (model in ``SimulationConfig/MotionSetup``).
///
/// Orientation and sway are knot noise looked up by time (counter-based draws), transients are
/// functions of time; only the white sensor noise is a sequential stream, restarted by
/// ``reset()``. Chunks must be asked for in order. Complexity: O(samples × overlapping events).
struct MotionSynthesizer {
    private let config: SimulationConfig
    private let plan: SimulationPlan
    private let rate: Double
    private var noise: [SplitMix64] = []

    /// Peak of `sin(2πu)·exp(-u)` over u ≥ 0 (at u = atan(2π)/2π): dividing by it makes a damped
    /// transient's peak equal its stated amplitude.
    static let dampedPeak: Double = {
        let u = atan(2 * Double.pi) / (2 * .pi)
        return sin(2 * .pi * u) * exp(-u)
    }()

    init(config: SimulationConfig, plan: SimulationPlan) {
        self.config = config
        self.plan = plan
        rate = config.motion.sampleRate
        reset()
    }

    mutating func reset() {
        noise = (0..<6).map { SplitMix64(seed: config.seed, stream: 200 + UInt64($0)) }
    }

    /// The bound on |acceleration| of any axis, g, with 25 % to spare (at least 2 g).
    static func accBound(_ c: SimulationConfig) -> Double {
        let jerk = c.positive.accPeakGPer100uV * pow(max(c.positive.amplitudeUV.upperBound, c.rhythmic.amplitudeUV.upperBound) / 100, 0.7)
        // Transients of a cluster or a rhythmic run may overlap while they ring (6 periods).
        let overlapping = Double(max(c.positive.clusterSize.upperBound, Int((6 / 6.0) * c.rhythmic.rateHz) + 2))
        let sum = 1 + 5 * c.motion.sensorNoiseG + 4 * c.motion.swayG + jerk * overlapping
            + c.voluntary.accPeakG.upperBound + c.negative.accDipG.upperBound + 1.5 * c.walking.peakG.upperBound
        return max(2, (1.25 * sum * 10).rounded(.up) / 10)
    }

    /// The bound on |angular velocity| of any gyroscope axis, deg/s.
    static func gyroBound(_ c: SimulationConfig) -> Double {
        let g = accBound(c)
        return max(100, ((g * c.motion.gyroDpsPerG + 5 * c.motion.gyroNoiseDps) / 10).rounded(.up) * 10)
    }

    /// Smooth noise: Gaussian knots every `knot` seconds (clamped to ±4), linearly interpolated.
    private func knotNoise(_ stream: UInt64, _ t: Double, knot: Double) -> Double {
        let x = t / knot
        let j = Int(x.rounded(.down))
        let f = x - Double(j)
        let a = max(-4, min(4, SplitMix64.gaussian(seed: config.seed, stream: stream, index: j)))
        let b = max(-4, min(4, SplitMix64.gaussian(seed: config.seed, stream: stream, index: j + 1)))
        return a + (b - a) * f
    }

    /// The unit gravity vector in sensor axes at time t: tilt 0.4 ± 0.3 rad, drifting azimuth.
    func gravity(at t: Double) -> (Double, Double, Double) {
        let tilt = 0.4 + 0.3 * knotNoise(300, t, knot: 5)
        let azimuth = 0.8 * knotNoise(301, t, knot: 5)
        return (sin(tilt) * cos(azimuth), sin(tilt) * sin(azimuth), cos(tilt))
    }

    /// Accelerometer and (if configured) gyroscope axes for samples [first, first + count):
    /// `[ax, ay, az]` or `[ax, ay, az, gx, gy, gz]`.
    mutating func samples(first: Int, count: Int) -> [[Float]] {
        let c = config
        let t0 = Double(first) / rate, t1 = Double(first + count) / rate
        var acc = [[Double]](repeating: [Double](repeating: 0, count: count), count: 3)
        var gyro = [[Double]](repeating: [Double](repeating: 0, count: count), count: 3)
        for k in 0..<count {
            let t = Double(first + k) / rate
            let g = gravity(at: t)
            acc[0][k] = g.0 + c.motion.swayG * knotNoise(302, t, knot: 0.5)
            acc[1][k] = g.1 + c.motion.swayG * knotNoise(303, t, knot: 0.5)
            acc[2][k] = g.2 + c.motion.swayG * knotNoise(304, t, knot: 0.5)
        }
        func add(_ k: Int, _ d: (Double, Double, Double), _ a: Double) {
            acc[0][k] += a * d.0; acc[1][k] += a * d.1; acc[2][k] += a * d.2
            let w = a * c.motion.gyroDpsPerG
            gyro[0][k] += w * d.1; gyro[1][k] += w * d.2; gyro[2][k] += w * d.0
        }
        func span(_ a: Double, _ b: Double) -> Range<Int> {
            let lo = max(0, Int((a * rate).rounded(.up)) - first)
            let hi = min(count, Int((b * rate).rounded(.up)) - first)
            return lo < hi ? lo..<hi : 0..<0
        }
        for e in plan.events(overlapping: t0, t1) {
            let ev = plan.events[e]
            guard let onset = ev.truth.accOnset, let peak = ev.truth.accPeak else { continue }
            switch ev.truth.kind {
            case "positive", "negative":
                // Damped oscillation; a lapse sags along gravity, a jerk goes its own way.
                let f = ev.shape.accHz
                let direction = ev.truth.kind == "negative" ? gravity(at: onset) : ev.shape.direction
                let sign = ev.truth.kind == "negative" ? -1.0 : 1.0
                for k in span(onset, onset + 6 / f) {
                    let u = (Double(first + k) / rate - onset) * f
                    add(k, direction, sign * peak * sin(2 * .pi * u) * exp(-u) / Self.dampedPeak)
                }
            case "voluntary":
                let d = ev.truth.duration
                for k in span(onset, onset + d) {
                    add(k, ev.shape.direction, peak * sin(2 * .pi * (Double(first + k) / rate - onset) / d))
                }
            default:
                break
            }
        }
        for w in SimulationPlan.overlapping(plan.walking, t0, t1) {
            let bout = plan.walking[w]
            let a = bout.truth.onset, b = a + bout.truth.duration
            let f = bout.shape.cadence, peak = bout.truth.amplitude
            for k in span(a, b) {
                let t = Double(first + k) / rate
                let taper = min(1, (t - a) / 1, (b - t) / 1)
                let step = 2 * .pi * f * (t - a) + bout.shape.phase
                let vertical = peak * taper * (0.6 * sin(step) + 0.4 * pow(abs(sin(step / 2)), 8))
                let up = gravity(at: t)
                acc[0][k] += vertical * up.0; acc[1][k] += vertical * up.1; acc[2][k] += vertical * up.2
                acc[0][k] += 0.5 * peak * taper * sin(step / 2)
                gyro[1][k] += 0.5 * peak * taper * c.motion.gyroDpsPerG * cos(step / 2)
            }
        }
        let accLimit = Self.accBound(c), gyroLimit = Self.gyroBound(c)
        var out: [[Float]] = []
        for axis in 0..<3 {
            var g = noise[axis]
            out.append(acc[axis].map { Float(min(accLimit, max(-accLimit, $0 + c.motion.sensorNoiseG * max(-5, min(5, g.normal())))) ) })
            noise[axis] = g
        }
        if c.motion.gyroscope {
            for axis in 0..<3 {
                var g = noise[3 + axis]
                out.append(gyro[axis].map { Float(min(gyroLimit, max(-gyroLimit, $0 + c.motion.gyroNoiseDps * max(-5, min(5, g.normal()))))) })
                noise[3 + axis] = g
            }
        }
        return out
    }
}

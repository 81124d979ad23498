import Foundation
import MyoSignal

/// The signal path of ``MotionDetector``: splits one sensor's axes into gravity, a transient band
/// and a movement band, and reduces them to a few per-sample measures.
///
/// Why these measures: a myoclonic jerk makes the limb ring briefly at several Hz in whatever
/// direction the muscle pulls, so the vector magnitude of the band-passed axes (orientation-free)
/// is its envelope. A postural lapse is a fall of the held limb, so its transient lies along
/// gravity and starts downward; the signed component of the transient along the gravity estimate
/// tells the two apart. Walking and deliberate gestures put their energy below 2.5 Hz, which the
/// movement band measures so the detector can judge a transient against the movement around it.
///
/// All filters are causal IIR filters started in the steady state of the first sample (no
/// start-up transient from the 1 g offset), and the smoothers are exact running sums, so chunked
/// processing equals whole-signal processing sample for sample.
/// Complexity: O(n · axes) per chunk, O(window) memory.
struct MotionFrontEnd: Sendable {
    /// The per-sample measures of one chunk.
    struct Output {
        /// Running RMS of the transient-band vector magnitude over the envelope window.
        var envelope: [Float] = []
        /// Transient-band acceleration along the gravity direction (negative: towards the floor
        /// is lost, i.e. the limb falls); zero when gravity is unknown (gyroscopes).
        var alongGravity: [Float] = []
        /// Squared transient-band vector magnitude (instantaneous energy).
        var energy: [Float] = []
        /// Smoothed movement-band vector magnitude.
        var movement: [Float] = []
    }

    private var gravity: [SOSFilter]
    private var transient: [SOSFilter]
    private var movementFilters: [SOSFilter]
    private let usesGravity: Bool
    private var window: [Double]
    private var windowSum = 0.0
    private var windowPosition = 0
    private var movementPower = 0.0
    private var movementStarted = false
    private let movementAlpha: Double

    /// - Throws: `DetectorError.parameterOutOfRange` when a band edge does not fit the rate.
    init(axisCount: Int, sampleRate: Double, usesGravity: Bool, parameters p: MotionDetectorParameters) throws(DetectorError) {
        let nyquistCap = 0.4 * sampleRate
        let high = min(p.transientHigh, nyquistCap)
        guard p.transientLow < high else {
            throw .parameterOutOfRange(name: "transientLow", value: p.transientLow, allowed: 1...max(1, high),
                                       reason: "at \(sampleRate) Hz the transient band ends at \(high) Hz")
        }
        func design(_ band: FilterBand, _ order: Int, _ name: String, _ value: Double) throws(DetectorError) -> [SecondOrderSection] {
            do {
                return try Butterworth.design(order: order, band: band, sampleRate: sampleRate)
            } catch {
                throw .parameterOutOfRange(name: name, value: value, allowed: 0...nyquistCap,
                                           reason: "cannot design the filter at \(sampleRate) Hz: \(error)")
            }
        }
        let gravitySections = try design(.lowPass(p.gravityCutoff), 2, "gravityCutoff", p.gravityCutoff)
        // Order 2 band-pass (4 poles): steep enough to separate 2 Hz movement from 6 Hz ringing,
        // short enough in group delay (tens of ms) to keep onsets within the tolerance.
        let transientSections = try design(.bandPass(p.transientLow, high), 2, "transientLow", p.transientLow)
        let movementSections = try design(.bandPass(p.movementLow, min(p.movementHigh, nyquistCap)), 2, "movementHigh", p.movementHigh)
        let make = { (s: [SecondOrderSection]) in
            Array(repeating: SOSFilter(sections: s, initialCondition: .steadyStateAtFirstSample), count: axisCount)
        }
        gravity = make(gravitySections)
        transient = make(transientSections)
        movementFilters = make(movementSections)
        self.usesGravity = usesGravity
        window = Array(repeating: 0, count: max(1, Int((p.envelopeWindow * sampleRate).rounded())))
        // The movement level is an exponential average of power over about a quarter second:
        // long enough to bridge the zero crossings of a 1-2 Hz swing.
        movementAlpha = 1 - exp(-1 / (0.25 * sampleRate))
    }

    /// Processes equally long axes (already in g or deg/s). O(n · axes).
    mutating func process(_ axes: [[Float]]) -> Output {
        let count = axes.first?.count ?? 0
        var transientAxes: [[Float]] = []
        var movementAxes: [[Float]] = []
        var gravityAxes: [[Float]] = []
        for (index, axis) in axes.enumerated() {
            transientAxes.append(transient[index].process(axis))
            movementAxes.append(movementFilters[index].process(axis))
            if usesGravity { gravityAxes.append(gravity[index].process(axis)) }
        }
        var out = Output()
        out.envelope = [Float](repeating: 0, count: count)
        out.alongGravity = [Float](repeating: 0, count: count)
        out.energy = [Float](repeating: 0, count: count)
        out.movement = [Float](repeating: 0, count: count)
        let windowLength = window.count
        for n in 0..<count {
            var energy = 0.0, moving = 0.0, dot = 0.0, gravityNorm = 0.0
            for axis in 0..<transientAxes.count {
                let t = Double(transientAxes[axis][n])
                let m = Double(movementAxes[axis][n])
                energy += t * t
                moving += m * m
                if usesGravity {
                    let g = Double(gravityAxes[axis][n])
                    dot += t * g
                    gravityNorm += g * g
                }
            }
            windowSum += energy - window[windowPosition]
            window[windowPosition] = energy
            windowPosition = windowPosition + 1 == windowLength ? 0 : windowPosition + 1
            if movementStarted {
                movementPower += (moving - movementPower) * movementAlpha
            } else {
                movementPower = moving
                movementStarted = true
            }
            out.envelope[n] = Float(max(windowSum, 0) / Double(windowLength)).squareRoot()
            out.energy[n] = Float(energy)
            out.movement[n] = Float(max(movementPower, 0).squareRoot())
            // Gravity weaker than 0.3 g along the sensor (a single axis held horizontal) gives no
            // reliable direction, so no lapse can be judged there.
            if usesGravity, gravityNorm > 0.09 { out.alongGravity[n] = Float(dot / gravityNorm.squareRoot()) }
        }
        return out
    }
}

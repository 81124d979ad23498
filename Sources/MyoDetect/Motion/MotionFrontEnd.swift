import Foundation
import MyoSignal

/// The signal path of ``MotionDetector``: splits one sensor's axes into gravity, a transient band
/// and a movement band, and reduces them to a few per-sample measures.
///
/// Why these measures: a myoclonic jerk makes the limb ring briefly at several Hz in whatever
/// direction the muscle pulls, so the vector magnitude of the band-passed axes (orientation-free)
/// is its envelope. A postural lapse is a fall of the held limb followed by a corrective rebound,
/// so its transient lies along gravity and starts downward; the signed component of the
/// transient along the gravity estimate tells the two apart. Walking and deliberate gestures put their energy below 2.5 Hz, which the
/// movement band measures so the detector can judge a transient against the movement around it.
///
/// Speed: the three axes run in the lanes of one ``MotionFilterBank`` per band. Gravity (0.2 Hz) and movement (below 2.5 Hz) change slowly, so they are
/// computed on block means of `decimation` samples (a rate of 25 Hz or more) and held for the
/// samples of the next block; the block mean is the anti-alias filter (its first null is at the
/// reduced rate, far above both bands). All filters start in the steady state of the first
/// sample, and blocks continue across chunks, so chunked processing equals whole-signal
/// processing sample for sample.
/// Complexity: O(n) per chunk for all axes together, O(envelope window) memory.
struct MotionFrontEnd: Sendable {
    /// Lower edge of the gait-free band, in Hz (its upper edge is the transient band's).
    ///
    /// Engineering: the heel strikes of walking repeat at 1.5-2.5 Hz and put most of their
    /// transient-band energy in their first few harmonics, below 8 Hz; a jerk rings at 6-15 Hz
    /// and keeps much of its energy above.
    static let gaitBandLow = 8.0

    /// Cut-off of the high-pass (order 4) on the acceleration along gravity that the lapse path
    /// searches, in Hz. Engineering: postural sway and reaching lie below 3 Hz; the abrupt start
    /// of a fall (a kink in the acceleration) is broadband, so above 5 Hz it stands far out of the
    /// sway while it is hidden in it below (a whitening step before matched filtering).
    static let lapseHighPass = 5.0

    /// The lapse high-pass as sections (order 4, two sections), for the signal and the templates.
    static func lapseHighPassSections(sampleRate: Double) -> [SecondOrderSection]? {
        try? Butterworth.design(order: 4, band: .highPass(lapseHighPass), sampleRate: sampleRate)
    }

    private var fast: MotionFilterBank
    /// High-pass at ``gaitBandLow`` on the transient band (nil when the band does not fit the rate).
    private var gaitBank: MotionFilterBank?
    private var gravity: MotionFilterBank
    private var movementBank: MotionFilterBank
    private let axisCount: Int
    private let usesGravity: Bool
    /// Samples per block of the slow path.
    let decimation: Int
    private var blockSum = SIMD4<Float>()
    private var blockFill = 0
    /// The unit gravity direction from the last block (zero when unknown or too weak).
    private var direction = SIMD4<Float>()
    private var movementLevel: Float = 0
    private var movementPower = 0.0
    private let movementAlpha: Double
    private var window: [Float]
    private var windowSum: Float = 0
    private var windowPosition = 0
    private var started = false
    private let lapseUp: Float
    private let lapseDown: Float
    private var lapsePower: Float = -1
    private var blockLapseSum: Float = 0
    private var lapseLevel: Float = 0

    /// - Throws: `DetectorError.parameterOutOfRange` when a band edge does not fit the rate.
    init(axisCount: Int, sampleRate: Double, usesGravity: Bool, parameters p: MotionDetectorParameters) throws(DetectorError) {
        let nyquistCap = 0.4 * sampleRate
        let high = min(p.transientHigh, nyquistCap)
        guard p.transientLow < high else {
            throw .parameterOutOfRange(name: "transientLow", value: p.transientLow, allowed: 1...max(1, high),
                                       reason: "at \(sampleRate) Hz the transient band ends at \(high) Hz")
        }
        decimation = max(1, Int(sampleRate / 25))
        let slowRate = sampleRate / Double(decimation)
        func design(_ band: FilterBand, _ rate: Double, _ name: String, _ value: Double) throws(DetectorError) -> [SecondOrderSection] {
            do {
                return try Butterworth.design(order: 2, band: band, sampleRate: rate)
            } catch {
                throw .parameterOutOfRange(name: name, value: value, allowed: 0...(0.4 * rate),
                                           reason: "cannot design the filter at \(rate) Hz: \(error)")
            }
        }
        // Order 2 band-pass (4 poles): steep enough to separate 2 Hz movement from 6 Hz ringing,
        // short enough in group delay (tens of ms) to keep onsets within the tolerance.
        let transient = try design(.bandPass(p.transientLow, high), sampleRate, "transientLow", p.transientLow)
        let gravitySections = try design(.lowPass(p.gravityCutoff), slowRate, "gravityCutoff", p.gravityCutoff)
        let movementSections = try design(.bandPass(p.movementLow, min(p.movementHigh, 0.4 * slowRate)), slowRate,
                                          "movementHigh", p.movementHigh)
        let none: [SecondOrderSection] = []
        func lanes(_ s: [SecondOrderSection], fourth: [SecondOrderSection]) -> [[SecondOrderSection]] {
            (0..<3).map { $0 < axisCount ? s : none } + [fourth]
        }
        guard let lapseSections = Self.lapseHighPassSections(sampleRate: sampleRate) else {
            throw .parameterOutOfRange(name: "sampleRate", value: sampleRate, allowed: 25...1e6,
                                       reason: "cannot design the \(Self.lapseHighPass) Hz lapse high-pass at this rate")
        }
        guard let fastBank = MotionFilterBank(lanes: lanes(transient, fourth: usesGravity ? lapseSections : none)),

              let gravityBank = MotionFilterBank(lanes: lanes(gravitySections, fourth: none)),
              let movingBank = MotionFilterBank(lanes: lanes(movementSections, fourth: none))
        else {
            throw .inconsistentParameters("the motion filters need at most two sections per band")
        }
        fast = fastBank
        if Self.gaitBandLow < 0.8 * high,
           let sections = try? Butterworth.design(order: 2, band: .highPass(Self.gaitBandLow), sampleRate: sampleRate) {
            gaitBank = MotionFilterBank(lanes: lanes(sections, fourth: none))
        } else {
            gaitBank = nil
        }
        gravity = gravityBank
        movementBank = movingBank
        self.axisCount = axisCount
        self.usesGravity = usesGravity
        window = Array(repeating: 0, count: max(1, Int((p.envelopeWindow * sampleRate).rounded())))
        // The movement level is an exponential average of power over about a quarter second:
        // long enough to bridge the zero crossings of a 1-2 Hz swing.
        movementAlpha = 1 - exp(-1 / (0.25 * slowRate))
        // The lapse signal's quiet level follows its power like the detector's baseline: up with a
        // time constant of `baselineTimeConstant`, down ten times faster.
        lapseUp = Float(1 - exp(-1 / (p.baselineTimeConstant * slowRate)))
        lapseDown = Float(1 - exp(-10 / (p.baselineTimeConstant * slowRate)))
    }

    /// Processes `count` samples of each axis (multiplied by `scale` into g or deg/s) into `out`
    /// (at least `count` long). O(count).
    mutating func process(_ axes: [UnsafeBufferPointer<Float>], count: Int, scale: Float,
                          into out: UnsafeMutableBufferPointer<MotionMeasure>) {
        guard count > 0, out.count >= count, axes.count == axisCount, axes.allSatisfy({ $0.count >= count }) else { return }
        let ax = axes[0], ay = axisCount == 3 ? axes[1] : axes[0], az = axisCount == 3 ? axes[2] : axes[0]
        // The unit conversion rides on the axis mask (one multiply per sample for all axes); lanes
        // without an axis stay zero, and so do their filter outputs.
        let scaledMask = SIMD4<Float>(1, axisCount == 3 ? 1 : 0, axisCount == 3 ? 1 : 0, 0) * scale
        if !started {
            let first = SIMD4<Float>(ax[0], ay[0], az[0], 0) * scaledMask
            setDirection(first)
            fast.prime(first + SIMD4<Float>(0, 0, 0, (first * direction).sum()))
            // The transient band of a constant is zero, and so is its high-pass.
            gaitBank?.prime(.zero)
            gravity.prime(first)
            movementBank.prime(first)
            started = true
        }
        // Filters and running values in locals for the batch, so they stay in registers.
        let hasGait = gaitBank != nil
        var highBank = gaitBank ?? fast
        var fastBank = fast, gravityBank = gravity, movingBank = movementBank
        var direction = direction
        var movementLevel = movementLevel, movementPower = movementPower
        var blockSum = blockSum, blockFill = blockFill
        var windowSum = windowSum, windowPosition = windowPosition
        let decimation = decimation, usesGravity = usesGravity, movementAlpha = movementAlpha
        let lapseUp = lapseUp, lapseDown = lapseDown
        var lapsePower = lapsePower, lapseLevel = lapseLevel, blockLapse: Float = blockLapseSum
        let axes = SIMD4<Float>(1, 1, 1, 0)
        let blockScale = 1 / Float(decimation)
        window.withUnsafeMutableBufferPointer { window in
            let windowLength = window.count
            let inverseLength = 1 / Float(windowLength)
            for n in 0..<count {
                let raw = SIMD4<Float>(ax[n], ay[n], az[n], 0) * scaledMask
                let filtered = fastBank.step(raw + SIMD4<Float>(0, 0, 0, (raw * direction).sum()))
                let transient = filtered * axes
                let lapse = filtered[3]
                blockLapse += lapse * lapse
                let energy = (transient * transient).sum()
                var gaitFree = SIMD4<Float>()
                if hasGait { gaitFree = highBank.step(transient) }
                windowSum += energy - window[windowPosition]
                window[windowPosition] = energy
                windowPosition += 1
                if windowPosition == windowLength {
                    // Summed afresh once per window, so the running sum's rounding never accumulates.
                    windowPosition = 0
                    windowSum = 0
                    for k in 0..<windowLength { windowSum += window[k] }
                }
                out[n] = MotionMeasure(envelope: (max(windowSum, 0) * inverseLength).squareRoot(), energy: energy,
                                       movement: movementLevel, alongGravity: (transient * direction).sum(),
                                       gaitEnergy: (gaitFree * gaitFree).sum(), lapse: lapse, lapseLevel: lapseLevel)
                blockSum += raw
                blockFill += 1
                if blockFill == decimation {
                    // One step of the slow path: gravity direction and movement level for the next block.
                    let mean = blockSum * blockScale
                    let g = gravityBank.step(mean)
                    if usesGravity { direction = Self.unit(g) }
                    let m = movingBank.step(mean)
                    movementPower += (Double((m * m).sum()) - movementPower) * movementAlpha
                    movementLevel = Float(max(movementPower, 0).squareRoot())
                    let power = blockLapse * blockScale
                    lapsePower = lapsePower < 0 ? power : lapsePower + (power - lapsePower) * (power > lapsePower ? lapseUp : lapseDown)
                    lapseLevel = lapsePower.squareRoot()
                    blockLapse = 0
                    blockSum = .zero
                    blockFill = 0
                }
            }
        }
        fast = fastBank
        if hasGait { gaitBank = highBank }
        gravity = gravityBank
        movementBank = movingBank
        self.direction = direction
        self.movementLevel = movementLevel
        self.movementPower = movementPower
        self.blockSum = blockSum
        self.blockFill = blockFill
        self.windowSum = windowSum
        self.windowPosition = windowPosition
        self.lapsePower = lapsePower
        self.lapseLevel = lapseLevel
        blockLapseSum = blockLapse
    }

    private mutating func setDirection(_ g: SIMD4<Float>) {
        direction = usesGravity ? Self.unit(g) : .zero
    }

    /// `g` scaled to unit length; zero when weaker than 0.3 g (a single axis held horizontal gives
    /// no reliable direction, so no lapse can be judged there).
    @inline(__always)
    private static func unit(_ g: SIMD4<Float>) -> SIMD4<Float> {
        let norm2 = (g * g).sum()
        return norm2 > 0.09 ? g / norm2.squareRoot() : .zero
    }
}

import Foundation
import MyoSignal

/// The signal path of ``MotionDetector``: splits one sensor's axes into gravity, a transient
/// band, a gait-free band, a lapse signal and a movement band, and reduces them to the
/// per-sample ``MotionMeasure``s.
///
/// Why these measures: a myoclonic jerk makes the limb ring briefly at several Hz in whatever
/// direction the muscle pulls, so the vector magnitude of the band-passed axes (orientation-free)
/// is its envelope. A postural lapse is a fall of the held limb caught by a rebound: it shows in
/// the acceleration along gravity, high-passed at ``lapseHighPass`` so that the abrupt start of
/// the fall stands out of postural sway. During walking, heel strikes fill the transient band
/// below ``gaitBandLow``; the band above it keeps a jerk's ringing. Walking and deliberate
/// gestures put their energy below 2.5 Hz, which the movement band measures so the detector can
/// judge a transient against the movement around it.
///
/// Speed: the three axes run in the lanes of one ``MotionFilterBank`` per band (the lapse signal
/// in the fourth lane of the transient bank), in four light passes per chunk (input, filter,
/// measures, gait band) so that each loop keeps its state in registers and the filter loop sees
/// whole vectors only; the gait-free band runs only while there is movement.
/// Gravity (0.2 Hz), movement (below 2.5 Hz) and the lapse signal's quiet level change slowly,
/// so they are computed on blocks of `decimation` samples (a rate of 25 Hz or more) and held for
/// the samples of the next block; the block mean is the anti-alias filter (its first null is at
/// the reduced rate, far above both bands). All filters start in the steady state of the first
/// sample, and blocks continue across chunks, so chunked processing equals whole-signal
/// processing sample for sample.
/// Complexity: O(n) per chunk for all axes together, O(envelope window + chunk) memory.
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
    private var gaitBank: MotionFilterBank
    private let hasGaitBand: Bool
    /// The gait-free band is computed only while the movement level is at least this (there is
    /// no gait without movement); below it the filter rests at zero and its output is zero. Its
    /// start-up transient dies out within 0.2 s, long before walking counts as walking.
    private let gaitGate: Float
    private let gaitRest: MotionFilterBank
    private var transientScratch: [SIMD4<Float>] = []
    private var gaitResting = true
    private var gravity: MotionFilterBank
    private var movementBank: MotionFilterBank
    private let axisCount: Int
    private let usesGravity: Bool
    /// Samples per block of the slow path.
    let decimation: Int
    private var blockSum = SIMD4<Float>()
    private var blockFill = 0
    /// The slow state at the start of a chunk and after each of its block ends (see `inputPass`).
    private var blockStates: [SIMD4<Float>] = []
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
           let sections = try? Butterworth.design(order: 2, band: .highPass(Self.gaitBandLow), sampleRate: sampleRate),
           var bank = MotionFilterBank(lanes: lanes(sections, fourth: none)) {
            bank.prime(.zero)
            gaitBank = bank
            hasGaitBand = true
        } else {
            gaitBank = fastBank
            hasGaitBand = false
        }
        gaitRest = gaitBank
        gaitGate = Float(p.sustainedMovementLevel * (usesGravity ? 1 : 100))
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
            gravity.prime(first)
            movementBank.prime(first)
            started = true
        }
        if transientScratch.count < count { transientScratch = [SIMD4<Float>](repeating: .zero, count: count) }
        let firstFill = blockFill, blocks = (blockFill + count) / decimation + 1
        if blockStates.count < blocks { blockStates = [SIMD4<Float>](repeating: .zero, count: blocks) }
        // Light passes instead of one heavy loop: each keeps its state in registers (one loop
        // holding all the filters spills them to memory on every sample), and the filter pass
        // sees only whole vectors in and out, so it compiles to plain four-lane arithmetic.
        // Moved out while the passes mutate self, so the buffers stay uniquely owned (no copy).
        var scratch = transientScratch, states = blockStates
        transientScratch = []
        blockStates = []
        scratch.withUnsafeMutableBufferPointer { transients in
            states.withUnsafeMutableBufferPointer { states in
                inputPass(ax, ay, az, count: count, scaledMask: scaledMask, inputs: transients, states: states)
                Self.filterPass(&fast, transients, count: count)
                measurePass(count: count, transients: transients, states: UnsafeBufferPointer(states), out: out)
                if hasGaitBand {
                    gaitPass(count: count, firstFill: firstFill, transients: transients, states: UnsafeBufferPointer(states), out: out)
                }
            }
        }
        transientScratch = scratch
        blockStates = states
    }

    /// Pass 1: the input of the transient bank (the axes in g or deg/s, and their component
    /// along gravity in the fourth lane), and the slow path at block ends (gravity direction
    /// and movement level). `states[0]` receives the state the chunk starts with and
    /// `states[b]` the state after its `b`-th block end: the direction in the first three
    /// lanes, the movement level in the fourth.
    private mutating func inputPass(_ ax: UnsafeBufferPointer<Float>, _ ay: UnsafeBufferPointer<Float>, _ az: UnsafeBufferPointer<Float>,
                                    count: Int, scaledMask: SIMD4<Float>, inputs: UnsafeMutableBufferPointer<SIMD4<Float>>,
                                    states: UnsafeMutableBufferPointer<SIMD4<Float>>) {
        var slow = SlowPath(gravity: gravity, movement: movementBank, movementPower: movementPower, direction: direction,
                            movementLevel: movementLevel, usesGravity: usesGravity, alpha: movementAlpha)
        var direction = direction
        var blockSum = blockSum, blockFill = blockFill, block = 0
        let decimation = decimation, scale = 1 / Float(decimation)
        states[0] = Self.state(direction, movementLevel)
        for n in 0..<count {
            let raw = SIMD4<Float>(ax[n], ay[n], az[n], 0) * scaledMask
            inputs[n] = raw + SIMD4<Float>(0, 0, 0, (raw * direction).sum())
            blockSum += raw
            blockFill += 1
            if blockFill == decimation {
                block += 1
                states[block] = slow.step(blockSum * scale)
                direction = slow.direction
                blockSum = .zero
                blockFill = 0
            }
        }
        gravity = slow.gravity
        movementBank = slow.movement
        movementPower = slow.movementPower
        self.direction = slow.direction
        movementLevel = slow.movementLevel
        self.blockSum = blockSum
    }

    /// The slow path (gravity direction and movement level), one step per block. Kept out of
    /// the per-sample loop (not inlined), so that loop keeps its few values in registers and
    /// this step its filters. O(1) per block.
    private struct SlowPath {
        var gravity: MotionFilterBank
        var movement: MotionFilterBank
        var movementPower: Double
        var direction: SIMD4<Float>
        var movementLevel: Float
        let usesGravity: Bool
        let alpha: Double

        /// One block, from its mean: returns the state after it (see ``MotionFrontEnd/state(_:_:)``).
        @inline(never)
        mutating func step(_ mean: SIMD4<Float>) -> SIMD4<Float> {
            let g = gravity.step(mean)
            if usesGravity { direction = MotionFrontEnd.unit(g) }
            let m = movement.step(mean)
            movementPower += (Double((m * m).sum()) - movementPower) * alpha
            movementLevel = Float(max(movementPower, 0).squareRoot())
            return MotionFrontEnd.state(direction, movementLevel)
        }
    }

    /// A block's slow state in one vector: the gravity direction (whose fourth lane is always
    /// zero: the fourth lane of the axes is) with the movement level in its place.
    @inline(__always)
    fileprivate static func state(_ direction: SIMD4<Float>, _ movementLevel: Float) -> SIMD4<Float> {
        SIMD4<Float>(direction.x, direction.y, direction.z, movementLevel)
    }

    /// Pass 2: the transient band (three lanes) and the lapse band (fourth lane), in place.
    private static func filterPass(_ bank: inout MotionFilterBank, _ buffer: UnsafeMutableBufferPointer<SIMD4<Float>>, count: Int) {
        var filter = bank
        for n in 0..<min(count, buffer.count) { buffer[n] = filter.step(buffer[n]) }
        bank = filter
    }

    /// Pass 3: splits the filtered lanes into the transient band (the first three lanes of
    /// `transients`; the gait pass masks the fourth itself) and the lapse signal, follows the lapse signal's quiet level at block ends, and writes every
    /// measure but the gait energy: the transient energy and its running RMS over the envelope
    /// window, the movement level, the transient band along gravity, the lapse signal and its level.
    private mutating func measurePass(count: Int, transients: UnsafeMutableBufferPointer<SIMD4<Float>>,
                                      states: UnsafeBufferPointer<SIMD4<Float>>, out: UnsafeMutableBufferPointer<MotionMeasure>) {
        var lapsePower = lapsePower, lapseLevel = lapseLevel, blockLapse = blockLapseSum
        var blockFill = blockFill, block = 0
        var state = states[0]
        var direction = SIMD4<Float>(state.x, state.y, state.z, 0)
        let decimation = decimation, scale = 1 / Float(decimation), up = lapseUp, down = lapseDown
        let axesOnly = SIMD4<Float>(1, 1, 1, 0)
        var windowSum = windowSum, windowPosition = windowPosition
        window.withUnsafeMutableBufferPointer { window in
            let windowLength = window.count
            let inverseLength = 1 / Float(windowLength)
            for n in 0..<count {
                let filtered = transients[n]
                let transient = filtered * axesOnly
                let lapse = filtered[3]
                let energy = (transient * transient).sum()
                windowSum += energy - window[windowPosition]
                window[windowPosition] = energy
                windowPosition += 1
                if windowPosition == windowLength {
                    // Summed afresh once per window, so the running sum's rounding never accumulates.
                    windowPosition = 0
                    windowSum = 0
                    for k in 0..<windowLength { windowSum += window[k] }
                }
                out[n] = MotionMeasure(SIMD8(lowHalf: SIMD4((max(windowSum, 0) * inverseLength).squareRoot(), energy,
                                                            state.w, (transient * direction).sum()),
                                             highHalf: SIMD4(0, lapse, lapseLevel, 0)))
                blockLapse += lapse * lapse
                blockFill += 1
                if blockFill == decimation {
                    // The quiet level follows the lapse signal's power like the detector's baseline.
                    let power = blockLapse * scale
                    let previous = lapsePower
                    lapsePower = previous < 0 ? power : previous + (power - previous) * (power > previous ? up : down)
                    lapseLevel = lapsePower.squareRoot()
                    block += 1
                    state = states[block]
                    direction = SIMD4<Float>(state.x, state.y, state.z, 0)
                    blockLapse = 0
                    blockFill = 0
                }
            }
        }
        self.windowSum = windowSum
        self.windowPosition = windowPosition
        self.lapsePower = lapsePower
        self.lapseLevel = lapseLevel
        blockLapseSum = blockLapse
        self.blockFill = blockFill
    }

    /// Pass 4: the gait-free band, only while there is movement (see ``gaitGate``). The
    /// movement level is that of the block's slow state (`states`, see ``inputPass``), so the
    /// gate is decided once per block; `firstFill` is the block fill the chunk started with.
    private mutating func gaitPass(count: Int, firstFill: Int, transients: UnsafeMutableBufferPointer<SIMD4<Float>>,
                                   states: UnsafeBufferPointer<SIMD4<Float>>, out: UnsafeMutableBufferPointer<MotionMeasure>) {
        var bank = gaitBank, resting = gaitResting
        let gate = gaitGate, decimation = decimation, axesOnly = SIMD4<Float>(1, 1, 1, 0)
        var n = 0, block = 0, fill = firstFill
        while n < count {
            let run = min(decimation - fill, count - n)
            if states[block].w >= gate {
                for k in n..<(n + run) {
                    let high = bank.step(transients[k] * axesOnly)
                    out[k].packed[4] = (high * high).sum()
                }
                resting = false
            } else if !resting {
                // Below the gate the filter rests at zero (its output, the gait energy, stays 0).
                bank = gaitRest
                resting = true
            }
            n += run
            fill += run
            if fill == decimation {
                block += 1
                fill = 0
            }
        }
        gaitBank = bank
        gaitResting = resting
    }

    private mutating func setDirection(_ g: SIMD4<Float>) {
        direction = usesGravity ? Self.unit(g) : .zero
    }

    /// `g` scaled to unit length; zero when weaker than 0.3 g (a single axis held horizontal gives
    /// no reliable direction, so no lapse can be judged there).
    @inline(__always)
    fileprivate static func unit(_ g: SIMD4<Float>) -> SIMD4<Float> {
        let norm2 = (g * g).sum()
        return norm2 > 0.09 ? g / norm2.squareRoot() : .zero
    }
}

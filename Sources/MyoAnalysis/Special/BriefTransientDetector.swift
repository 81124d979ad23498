import Foundation
import MyoSignal

/// Finds brief transients that stand out from a running background: the engine under the
/// click detector (audio) and the hiccup detector (respiration or chest motion).
///
/// The signal is band-limited (causal Butterworth, state carried across chunks), squared and
/// averaged over short blocks. A block is "loud" when its mean power exceeds `thresholdFactor`
/// times the running median power of the preceding `baselineSeconds`; a run of loud blocks is a
/// transient if it is no longer than `maximumSeconds` (longer runs are reported as sustained
/// sounds or movements and never counted), and a new transient needs `minimumGapSeconds` of
/// quiet after the previous one (so a click's ringing or a hiccup's rebound is not counted twice).
/// The median makes the background robust: transients at up to half the blocks of the window do
/// not raise it.
///
/// It is a chunked state machine: feeding a signal in chunks of any sizes gives exactly the
/// transients of one call on the whole signal.
/// Complexity: O(n·S) for the filter (n samples, S sections) plus O(W) per block for the
/// sorted background window of W blocks; memory O(W), independent of the signal's length.
public struct BriefTransientDetector: Sendable {
    /// How the detector judges blocks; each wrapper documents where its values come from.
    public struct Parameters: Sendable, Equatable, Codable {
        /// The band in which transients are looked for, in Hz; the upper edge is clipped to 0.45 × rate.
        public var bandHz: ClosedRange<Double>
        /// Length of a power block, in seconds (the time resolution of onsets).
        public var blockSeconds: Double
        /// Length of the background window, in seconds.
        public var baselineSeconds: Double
        /// A block is loud above this multiple of the background's median power.
        public var thresholdFactor: Double
        /// Longest run of loud blocks that still counts as a transient, in seconds.
        public var maximumSeconds: Double
        /// Quiet time needed between two transients, in seconds.
        public var minimumGapSeconds: Double
        /// Order of the Butterworth band-pass (each edge falls at 6·order dB per octave).
        public var filterOrder: Int

        /// Creates parameters; `validate` checks them against a sample rate.
        public init(bandHz: ClosedRange<Double>, blockSeconds: Double, baselineSeconds: Double,
                    thresholdFactor: Double, maximumSeconds: Double, minimumGapSeconds: Double, filterOrder: Int = 2) {
            self.bandHz = bandHz
            self.blockSeconds = blockSeconds
            self.baselineSeconds = baselineSeconds
            self.thresholdFactor = thresholdFactor
            self.maximumSeconds = maximumSeconds
            self.minimumGapSeconds = minimumGapSeconds
            self.filterOrder = filterOrder
        }
    }

    /// One transient found.
    public struct Transient: Sendable, Equatable, Codable {
        /// Onset: the start of the first loud block, in seconds from the start of the signal.
        public var onset: Double
        /// Duration of the loud run, in seconds.
        public var duration: Double
        /// Peak block power over the background median, in decibels.
        public var peakDecibels: Double
    }

    public let parameters: Parameters
    public let sampleRate: Double
    private var filter: SOSFilter
    private let blockLength: Int
    private let baselineBlocks: Int
    private let maximumBlocks: Int
    private let gapBlocks: Int

    private var samplesSeen = 0
    private var blockSum: Double = 0
    private var blockFill = 0
    private var blockIndex = 0
    /// The last `baselineBlocks` block powers, in arrival order (a ring) and sorted.
    private var ring: [Double]
    private var ringNext = 0
    private var ringCount = 0
    private var sorted: [Double] = []

    private var runStart: Int?
    private var runPeakRatio = 0.0
    private var runBackground = 0.0
    private var lastTransientEnd = Int.min / 2
    private var sustainedRuns = 0
    private var found: [Transient] = []

    /// Creates a detector for a signal sampled at `sampleRate` Hz.
    /// - Throws: `SpecialFormError.invalidParameter` when a value is out of range for this rate.
    public init(parameters: Parameters, sampleRate: Double) throws(SpecialFormError) {
        guard sampleRate.isFinite, sampleRate > 0 else {
            throw .invalidParameter(name: "sampleRate", value: sampleRate, expected: "a positive rate in Hz")
        }
        let upper = min(parameters.bandHz.upperBound, 0.45 * sampleRate)
        guard parameters.bandHz.lowerBound > 0, upper > parameters.bandHz.lowerBound else {
            throw .invalidParameter(name: "bandHz", value: parameters.bandHz.lowerBound,
                                    expected: "a low edge above 0 Hz and below 0.45 × the sample rate (\(0.45 * sampleRate) Hz)")
        }
        let checks: [(String, Double, ClosedRange<Double>)] = [
            ("blockSeconds", parameters.blockSeconds, 1e-4...10),
            ("baselineSeconds", parameters.baselineSeconds, 0.1...3600),
            ("thresholdFactor", parameters.thresholdFactor, 1.01...1e6),
            ("maximumSeconds", parameters.maximumSeconds, 1e-4...60),
            ("minimumGapSeconds", parameters.minimumGapSeconds, 0...600),
        ]
        for (name, value, range) in checks where !(value.isFinite && range.contains(value)) {
            throw .invalidParameter(name: name, value: value, expected: "\(range.lowerBound) to \(range.upperBound)")
        }
        guard (1...8).contains(parameters.filterOrder) else {
            throw .invalidParameter(name: "filterOrder", value: Double(parameters.filterOrder), expected: "1 to 8")
        }
        let sections: [SecondOrderSection]
        do {
            sections = try Butterworth.design(order: parameters.filterOrder, band: .bandPass(parameters.bandHz.lowerBound, upper), sampleRate: sampleRate)
        } catch {
            throw .invalidParameter(name: "bandHz", value: parameters.bandHz.lowerBound, expected: "a band the filter design accepts (\(error))")
        }
        self.parameters = parameters
        self.sampleRate = sampleRate
        self.filter = SOSFilter(sections: sections)
        self.blockLength = max(1, Int((parameters.blockSeconds * sampleRate).rounded()))
        let blockDuration = Double(blockLength) / sampleRate
        self.baselineBlocks = max(3, Int((parameters.baselineSeconds / blockDuration).rounded()))
        self.maximumBlocks = max(1, Int((parameters.maximumSeconds / blockDuration).rounded()))
        self.gapBlocks = Int((parameters.minimumGapSeconds / blockDuration).rounded())
        self.ring = Array(repeating: 0, count: baselineBlocks)
    }

    /// Seconds per block as actually used (a whole number of samples).
    public var blockDuration: Double { Double(blockLength) / sampleRate }

    /// Runs of loud blocks that were too long to be transients (sustained sounds, speech, movement).
    public var sustainedCount: Int { sustainedRuns }

    /// Seconds of signal consumed so far.
    public var durationSeconds: Double { Double(samplesSeen) / sampleRate }

    /// Consumes one chunk. O(chunk.count · S + blocks · W).
    public mutating func process(_ chunk: [Float]) {
        samplesSeen += chunk.count
        let filtered = filter.process(chunk)
        filtered.withUnsafeBufferPointer { samples in
            var index = 0
            while index < samples.count {
                let take = min(blockLength - blockFill, samples.count - index)
                var sum = 0.0
                for offset in index..<(index + take) {
                    let value = Double(samples[offset])
                    sum += value * value
                }
                blockSum += sum
                blockFill += take
                index += take
                if blockFill == blockLength {
                    judge(blockPower: blockSum / Double(blockLength))
                    blockSum = 0
                    blockFill = 0
                    blockIndex += 1
                }
            }
        }
    }

    /// Closes an open run at the end of the signal and returns every transient found, in time order.
    /// - Throws: ``SpecialFormError/tooShort(channel:seconds:needed:)`` when the signal of `channel`
    ///   is shorter than two background windows, too short to judge transients against it.
    public mutating func finish(channel: String) throws(SpecialFormError) -> [Transient] {
        let needed = 2 * parameters.baselineSeconds
        guard durationSeconds >= needed else { throw .tooShort(channel: channel, seconds: durationSeconds, needed: needed) }
        if let start = runStart { closeRun(start: start, end: blockIndex) }
        runStart = nil
        return found
    }

    private mutating func judge(blockPower: Double) {
        let background = ringCount >= baselineBlocks / 2 ? median() : nil
        let loud: Bool
        if let background, background > 0 {
            loud = blockPower > parameters.thresholdFactor * background
        } else {
            loud = false
        }
        if loud, let background {
            if runStart == nil {
                runStart = blockIndex
                runPeakRatio = 0
                runBackground = background
            }
            runPeakRatio = max(runPeakRatio, blockPower / runBackground)
        } else if let start = runStart {
            closeRun(start: start, end: blockIndex)
            runStart = nil
        }
        remember(blockPower)
    }

    private mutating func closeRun(start: Int, end: Int) {
        let length = end - start
        if length > maximumBlocks {
            sustainedRuns += 1
            lastTransientEnd = end
            return
        }
        guard start - lastTransientEnd >= gapBlocks else { return }
        let blockDuration = self.blockDuration
        found.append(Transient(onset: Double(start) * blockDuration,
                               duration: Double(length) * blockDuration,
                               peakDecibels: 10 * log10(max(runPeakRatio, 1e-12))))
        lastTransientEnd = end
    }

    private mutating func remember(_ power: Double) {
        if ringCount == baselineBlocks {
            let old = ring[ringNext]
            if let position = sortedIndex(of: old) { sorted.remove(at: position) }
        } else {
            ringCount += 1
        }
        ring[ringNext] = power
        ringNext = (ringNext + 1) % baselineBlocks
        sorted.insert(power, at: insertionIndex(for: power))
    }

    private func median() -> Double {
        let count = sorted.count
        return count % 2 == 1 ? sorted[count / 2] : 0.5 * (sorted[count / 2 - 1] + sorted[count / 2])
    }

    private func insertionIndex(for value: Double) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func sortedIndex(of value: Double) -> Int? {
        let index = insertionIndex(for: value)
        return index < sorted.count && sorted[index] == value ? index : nil
    }
}

import Foundation

/// The envelope half of the rhythm analysis, fed one decimated envelope value at a time, in
/// memory that does not grow with the recording: a Welch spectrum over overlapping segments
/// (one segment's ring buffer) and the envelope's level distribution in a log-spaced histogram.
///
/// The duty cycle (the share of time the envelope stands above half-way between its 5th and 95th
/// percentiles) comes from that histogram, so its percentiles are exact to one bin (0.05 dB, about
/// 0.6 %); the spectrum is exactly the one a whole-array Welch estimate gives.
/// Complexity: O(1) amortised per value plus one FFT per half segment; memory O(segment + bins).
public struct EnvelopeRhythmAccumulator: Sendable {
    private let parameters: RhythmAnalyzer.Parameters
    private let rate: Double
    private let length: Int
    private let hop: Int
    private var ring: [Double]
    /// ``levelEdges``, held so the per-value path does not go through the shared constant.
    private let edges = EnvelopeRhythmAccumulator.levelEdges
    /// The segment handed to the estimator, its storage reused from one segment to the next.
    private var segment: [Double] = []
    private var written = 0
    private var sinceLast = 0
    private var welch: WelchEstimator?
    private var histogram: [Int]
    private var nonPositive = 0
    private var finiteCount = 0

    /// Decibel steps of the level histogram and its range: 1e-9 to 1e9 in any unit.
    private static let binDecibels = 0.05
    private static let lowest = -180.0, highest = 180.0

    /// Prepares for an envelope at `rate` Hz.
    /// - Throws: ``RhythmError/invalidEnvelopeRate(rate:reason:)`` unless the rate exceeds twice the
    ///   top of the analysed band.
    public init(rate: Double, parameters: RhythmAnalyzer.Parameters = .init()) throws(RhythmError) {
        guard rate.isFinite, rate > 0 else { throw .invalidEnvelopeRate(rate: rate, reason: "give the envelope's sample rate in Hz") }
        guard rate > 2 * parameters.frequencyRangeHz.upperBound else {
            throw .invalidEnvelopeRate(rate: rate, reason: "must be more than twice the top of the band (\(parameters.frequencyRangeHz.upperBound) Hz)")
        }
        self.parameters = parameters
        self.rate = rate
        // 2^20 samples a segment bounds memory whatever rate the caller passes.
        length = max(8, Int(min(parameters.segmentSeconds * rate, 1_048_576)))
        hop = max(1, length / 2)
        ring = [Double](repeating: 0, count: length)
        histogram = [Int](repeating: 0, count: Int((Self.highest - Self.lowest) / Self.binDecibels) + 1)
    }

    /// Adds the next envelope value (non-finite values count as 0 in the spectrum and are left
    /// out of the level distribution). O(1) amortised.
    public mutating func add(_ value: Float) {
        withUnsafePointer(to: value) { add(run: UnsafeBufferPointer(start: $0, count: 1)) }
    }

    /// Adds every value of `values`. O(values.count).
    public mutating func add(contentsOf values: [Float]) {
        values.withUnsafeBufferPointer { add(run: $0) }
    }

    /// Adds `values` in runs that end where a segment is due, so the per-value loop only writes
    /// the ring and the histogram.
    private mutating func add(run values: UnsafeBufferPointer<Float>) {
        var i = 0
        while i < values.count {
            let due = written < length ? length - written : hop - sinceLast
            let n = min(due, values.count - i)
            let before = written
            record(UnsafeBufferPointer(rebasing: values[i..<(i + n)]))
            i += n
            if before < length {
                // Before the first segment is full the run ends on it or short of it.
                if written == length { addSegment(count: length) }
            } else {
                sinceLast += n
                if sinceLast == hop {
                    addSegment(count: length)
                    sinceLast = 0
                }
            }
        }
    }

    /// Writes `values` into the ring and the level histogram. O(values.count).
    private mutating func record(_ values: UnsafeBufferPointer<Float>) {
        var position = written % length
        var finite = 0, nonPositiveValues = 0
        let length = self.length
        ring.withUnsafeMutableBufferPointer { ring in
            histogram.withUnsafeMutableBufferPointer { histogram in
                edges.withUnsafeBufferPointer { edges in
                    for value in values {
                        let x = value.isFinite ? Double(value) : 0
                        ring[position] = x
                        position += 1
                        if position == length { position = 0 }
                        guard value.isFinite else { continue }
                        finite += 1
                        if x > 0 {
                            histogram[Self.bin(of: x, edges: edges)] += 1
                        } else {
                            nonPositiveValues += 1
                        }
                    }
                }
            }
        }
        written += values.count
        finiteCount += finite
        nonPositive += nonPositiveValues
    }

    /// The envelope's rhythm, or nil when no value was added.
    public mutating func finish() -> EnvelopeRhythm? {
        guard written > 0 else { return nil }
        if written < length { addSegment(count: written) }
        guard let welch else { return nil }
        let (f, power) = welch.spectrum()
        let spectrum = RhythmSpectrum.fromPower(frequencies: f, power: power, neighbourhood: parameters.neighbourhood)
        return EnvelopeRhythm(frequencyHz: spectrum.peakHz, peakRatio: spectrum.ratio,
                              rhythmic: (spectrum.ratio ?? 0) >= parameters.peakRatio,
                              dutyCycle: dutyCycle(), spectrum: spectrum)
    }

    /// The last `count` values in time order as one segment.
    private mutating func addSegment(count: Int) {
        if welch == nil { welch = WelchEstimator(sampleRate: rate, segmentLength: count, band: parameters.frequencyRangeHz) }
        segment.removeAll(keepingCapacity: true)
        // The ring holds the segment in at most two runs: from the oldest value to the ring's
        // end, then from its start.
        let start = (written - count) % length
        let firstRun = min(count, length - start)
        segment.append(contentsOf: ring[start..<(start + firstRun)])
        segment.append(contentsOf: ring[0..<(count - firstRun)])
        welch?.add(segment)
    }

    /// Lower edges of the level histogram's bins from bin 1 on: the level 10^(dB/20) at which
    /// each bin starts (bin 0 takes everything below the first edge, the last everything above).
    static let levelEdges: [Double] = (1...Int((highest - lowest) / binDecibels)).map {
        pow(10, (lowest + Double($0) * binDecibels) / 20)
    }

    /// The histogram bin of a positive level: `floor((20·log10 x − lowest) / binDecibels)`,
    /// clamped to the histogram, given ``levelEdges``. A single-precision logarithm lands within
    /// a bin of the answer and the edges settle it, which costs a fraction of a double-precision
    /// log10 per value.
    static func bin(of x: Double, edges: UnsafeBufferPointer<Double>) -> Int {
        let last = edges.count
        let db = 20 * log10(2.0) * Double(log2(Float(x)))
        guard db.isFinite else { return db > 0 ? last : 0 }
        var b = Int(min(max((db - lowest) / binDecibels, 0), Double(last)))
        while b > 0 && x < edges[b - 1] { b -= 1 }
        while b < last && x >= edges[b] { b += 1 }
        return b
    }

    /// Share of values above half-way between the 5th and 95th percentiles.
    private func dutyCycle() -> Double {
        guard finiteCount >= 2 else { return 0 }
        func value(atRank rank: Int) -> Double {
            if rank < nonPositive { return 0 }
            var seen = nonPositive
            for (bin, n) in histogram.enumerated() where n > 0 {
                seen += n
                if seen > rank { return pow(10, (Self.lowest + (Double(bin) + 0.5) * Self.binDecibels) / 20) }
            }
            return pow(10, Self.highest / 20)
        }
        let low = value(atRank: Int(0.05 * Double(finiteCount - 1)))
        let high = value(atRank: Int(0.95 * Double(finiteCount - 1)))
        guard high > low else { return 0 }
        let middle = (low + high) / 2
        let middleBin = Int(((20 * log10(middle) - Self.lowest) / Self.binDecibels).rounded(.down))
        let above = histogram[min(max(middleBin + 1, 0), histogram.count)...].reduce(0, +)
        return Double(above) / Double(finiteCount)
    }
}

import Foundation

/// Rational-factor resampling by polyphase FIR filtering, streaming.
///
/// Matches scipy.signal.resample_poly(x, up, down) with its defaults: the factors are reduced by
/// their gcd; the anti-aliasing filter is firwin(2·10·max(up,down)+1, 1/max(up,down)) with a
/// Kaiser window of β = 5.0 (scipy's default, about 50 dB stop-band attenuation), scaled by `up`;
/// the signal is zero beyond both ends; the output has ⌈n·up/down⌉ samples and is aligned so
/// that output sample j sits at time j/rateOut (the filter's group delay is removed).
///
/// Streaming: `process` returns every output sample whose input neighbourhood has arrived, and
/// `finish` returns the rest, so the concatenation over any chunking equals the whole-signal
/// result. The latency is about 10·max(up,down)/up input samples.
/// Complexity: O(n_out · 20·max(up,down)/up) time, memory O(20·max(up,down)) for the taps and
/// the input history.
public struct Resampler: Sendable {
    /// The largest reduced factor accepted; the filter has 20·factor+1 taps.
    public static let maximumFactor = 10_000

    /// Upsampling factor, after reduction by the gcd.
    public let up: Int
    /// Downsampling factor, after reduction by the gcd.
    public let down: Int
    private let taps: [Double]
    /// Output index j maps to filter position t = j·down + tapOffset (scipy's pre-pad bookkeeping).
    private let tapOffset: Int
    /// Input samples not yet consumed, starting at global index `historyStart`.
    private var history: [Double] = []
    private var historyStart = 0
    private var received = 0
    private var nextOutput = 0

    /// Creates a resampler by `up`/`down` (reduced by their gcd).
    /// - Throws: `DSPError.invalidResamplingFactors` unless both are in 1...`maximumFactor`.
    public init(up: Int, down: Int) throws(DSPError) {
        guard up >= 1, down >= 1, up <= Self.maximumFactor, down <= Self.maximumFactor else {
            throw .invalidResamplingFactors(up: up, down: down)
        }
        let divisor = Self.gcd(up, down)
        self.up = up / divisor
        self.down = down / divisor
        let maxRate = max(self.up, self.down)
        let halfLength = 10 * maxRate
        let gain = Double(up / divisor)
        taps = Self.kaiserLowPass(tapCount: 2 * halfLength + 1, cutoff: 1 / Double(maxRate), beta: 5.0).map { $0 * gain }
        let reducedDown = down / divisor
        let prePad = reducedDown - halfLength % reducedDown
        let preRemove = (halfLength + prePad) / reducedDown
        tapOffset = preRemove * reducedDown - prePad
    }

    /// Creates a resampler from `inputRate` to `outputRate` Hz, choosing up/down with `factors(from:to:)`.
    public init(from inputRate: Double, to outputRate: Double) throws(DSPError) {
        let (up, down) = try Self.factors(from: inputRate, to: outputRate)
        try self.init(up: up, down: down)
    }

    /// The smallest integers up/down with outputRate/inputRate = up/down exactly (in decimal).
    ///
    /// Rates are decimal numbers in practice (12.8 Hz, 487.5 Hz, 2048 Hz), so both are scaled by
    /// the smallest power of ten (up to 10⁶) that makes them whole, then reduced by the gcd;
    /// e.g. 12.8→25 gives 125/64 and 2048→1000 gives 125/256. O(1).
    /// - Throws: `DSPError.unsupportedRateRatio` if no such pair with factors ≤ `maximumFactor` exists.
    public static func factors(from inputRate: Double, to outputRate: Double) throws(DSPError) -> (up: Int, down: Int) {
        guard inputRate.isFinite, inputRate > 0 else { throw .invalidSampleRate(inputRate) }
        guard outputRate.isFinite, outputRate > 0 else { throw .invalidSampleRate(outputRate) }
        var scale = 1.0
        for _ in 0...6 {
            let a = (inputRate * scale).rounded(), b = (outputRate * scale).rounded()
            if abs(a - inputRate * scale) <= 1e-9 * a, abs(b - outputRate * scale) <= 1e-9 * b,
               a < 1e15, b < 1e15 {
                let ia = Int(a), ib = Int(b)
                let divisor = gcd(ia, ib)
                let up = ib / divisor, down = ia / divisor
                if up <= maximumFactor, down <= maximumFactor { return (up, down) }
                break
            }
            scale *= 10
        }
        throw .unsupportedRateRatio(from: inputRate, to: outputRate)
    }

    /// Resamples a whole signal (same result as scipy.signal.resample_poly(x, up, down)).
    public static func resample(_ signal: [Float], up: Int, down: Int) throws(DSPError) -> [Float] {
        var resampler = try Resampler(up: up, down: down)
        return resampler.process(signal) + resampler.finish()
    }

    /// Feeds a chunk and returns the output samples that are now complete.
    public mutating func process(_ chunk: [Float]) -> [Float] {
        history.reserveCapacity(history.count + chunk.count)
        for value in chunk { history.append(Double(value)) }
        received += chunk.count
        return produce(until: nil)
    }

    /// Ends the stream: returns the remaining output samples (the signal is zero beyond its end)
    /// and resets the resampler for a new signal.
    public mutating func finish() -> [Float] {
        let total = received
        // ⌈n·up/down⌉, computed without overflow for any realistic n.
        let (product, overflow) = total.multipliedReportingOverflow(by: up)
        let outputCount = overflow ? Int.max : product / down + (product % down == 0 ? 0 : 1)
        let rest = produce(until: outputCount)
        history = []
        historyStart = 0
        received = 0
        nextOutput = 0
        return rest
    }

    /// Emits outputs while their last needed input has arrived (streaming) or up to `outputCount` (at the end).
    private mutating func produce(until outputCount: Int?) -> [Float] {
        var output: [Float] = []
        let tapCount = taps.count
        taps.withUnsafeBufferPointer { h in
            history.withUnsafeBufferPointer { x in
                while true {
                    let t = nextOutput * down + tapOffset
                    // Inputs i with 0 ≤ t - i·up < tapCount.
                    let lastInput = Self.floorDivide(t, up)
                    if let count = outputCount {
                        if nextOutput >= count { break }
                    } else if lastInput >= received {
                        break
                    }
                    let firstInput = max(0, Self.floorDivide(t - tapCount, up) + 1)
                    var sum = 0.0
                    var i = max(firstInput, historyStart)
                    let end = min(lastInput, received - 1)
                    while i <= end {
                        sum += x[i - historyStart] * h[t - i * up]
                        i += 1
                    }
                    output.append(Float(sum))
                    nextOutput += 1
                }
            }
        }
        // Drop history that no future output needs.
        let needed = max(0, Self.floorDivide(nextOutput * down + tapOffset - tapCount, up) + 1)
        let drop = min(max(0, needed - historyStart), history.count)
        if drop > 0, drop >= history.count / 2 || drop > 65_536 {
            history.removeFirst(drop)
            historyStart += drop
        }
        return output
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return max(x, 1)
    }

    /// Windowed-sinc low-pass like scipy.signal.firwin(tapCount, cutoff, window=('kaiser', beta)),
    /// cutoff relative to Nyquist, normalised to unit DC gain. O(tapCount).
    static func kaiserLowPass(tapCount: Int, cutoff: Double, beta: Double) -> [Double] {
        let alpha = 0.5 * Double(tapCount - 1)
        let denominator = besselI0(beta)
        var taps = (0..<tapCount).map { index -> Double in
            let m = Double(index) - alpha
            let x = cutoff * m
            let sinc = x == 0 ? 1 : sin(Double.pi * x) / (Double.pi * x)
            let ratio = tapCount > 1 ? 2 * Double(index) / Double(tapCount - 1) - 1 : 0
            let window = besselI0(beta * (max(0, 1 - ratio * ratio)).squareRoot()) / denominator
            return cutoff * sinc * window
        }
        let sum = taps.reduce(0, +)
        if sum != 0 { taps = taps.map { $0 / sum } }
        return taps
    }

    /// Modified Bessel function of the first kind, order 0, by its power series (converges fast for β ≤ 50).
    static func besselI0(_ x: Double) -> Double {
        var sum = 1.0, term = 1.0
        let quarterSquare = x * x / 4
        var k = 1.0
        while term > 1e-17 * sum {
            term *= quarterSquare / (k * k)
            sum += term
            k += 1
        }
        return sum
    }
}

import Foundation

/// Where a moving window sits relative to the output sample.
public enum WindowAlignment: Sendable, Equatable {
    /// Causal: output n averages inputs n-W+1 ... n. No latency.
    case trailing
    /// Output n averages inputs n-⌊W/2⌋ ... n+(W-1-⌊W/2⌋) (symmetric for odd W). Needs
    /// W-1-⌊W/2⌋ samples of look-ahead, so streaming output lags input by that much.
    case centred
}

/// A running sum over a sliding window, the shared engine of `MovingAverage` and `MovingRMS`.
///
/// Near the ends the window holds fewer than W samples and the mean is taken over those that
/// exist (never over implicit zeros, which would bias an envelope low at the start).
/// The sum is kept in `Double` and recomputed exactly from the window every W samples, so that
/// rounding cannot accumulate over millions of samples nor survive a large burst (catastrophic
/// cancellation after subtracting big values): O(1) amortised per sample, O(W) memory.
struct RunningWindowSum: Sendable {
    let window: Int
    let before: Int
    let after: Int
    private var ring: [Double]
    private var low = 0
    private var high = -1
    private var sum = 0.0
    private var pushesSinceRecompute = 0
    private(set) var received = 0
    private(set) var emitted = 0

    init(window: Int, alignment: WindowAlignment) throws(DSPError) {
        guard window >= 1 else { throw .invalidWindowLength(window) }
        self.window = window
        switch alignment {
        case .trailing: (before, after) = (window - 1, 0)
        case .centred: (before, after) = (window / 2, window - 1 - window / 2)
        }
        ring = [Double](repeating: 0, count: window)
    }

    var count: Int { high - low + 1 }
    var mean: Double { count > 0 ? sum / Double(count) : 0 }

    /// Adds the next input value; returns true when an output became ready (read `mean`).
    mutating func push(_ value: Double) -> Bool {
        let index = received
        if count == window {
            sum -= ring[low % window]
            low += 1
        }
        ring[index % window] = value
        sum += value
        high = index
        received += 1
        pushesSinceRecompute += 1
        if pushesSinceRecompute >= window { recompute() }
        if index - after >= 0 {
            emitted += 1
            return true
        }
        return false
    }

    /// Prepares the next end-of-signal output by dropping inputs that left its window;
    /// returns false when all outputs are out.
    mutating func advanceAtEnd() -> Bool {
        guard emitted < received else { return false }
        let firstNeeded = max(0, emitted - before)
        while low < firstNeeded {
            sum -= ring[low % window]
            low += 1
            pushesSinceRecompute += 1
        }
        if pushesSinceRecompute >= window { recompute() }
        emitted += 1
        return true
    }

    private mutating func recompute() {
        var exact = 0.0
        var index = low
        while index <= high {
            exact += ring[index % window]
            index += 1
        }
        sum = exact
        pushesSinceRecompute = 0
    }

    /// Forgets the signal so the next push starts a new one.
    mutating func reset() {
        low = 0
        high = -1
        sum = 0
        pushesSinceRecompute = 0
        received = 0
        emitted = 0
    }
}

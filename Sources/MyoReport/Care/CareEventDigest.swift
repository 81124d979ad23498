import Foundation
import MyoStore

/// Histograms and per-recording medians of a person's stored events, built as the events
/// stream out of the store, so the memory needed does not grow with the number of events
/// (only one recording's durations are held at a time, for its median).
public struct CareEventDigest: Sendable, Equatable {
    /// Duration bins of 10 ms up to 500 ms, the upper limit of negative myoclonus (ILAE, see
    /// docs/sources.md); longer events fall in one open-ended bin after them.
    public static let durationEdges: [Double] = Array(stride(from: 0.0, through: 500, by: 10)) + [550]
    /// Jerk intensity (peak over the resting baseline) in half-octave bins of log2, 1× to 1024×.
    public static let intensityLogEdges: [Double] = Array(stride(from: 0.0, through: 10, by: 0.5))
    /// Lapse depth in 5 % bins.
    public static let depthEdges: [Double] = Array(stride(from: 0.0, through: 100, by: 5))

    public private(set) var jerkDurations = [Int](repeating: 0, count: durationEdges.count - 1)
    public private(set) var lapseDurations = [Int](repeating: 0, count: durationEdges.count - 1)
    public private(set) var jerkIntensity = [Int](repeating: 0, count: intensityLogEdges.count - 1)
    public private(set) var lapseDepth = [Int](repeating: 0, count: depthEdges.count - 1)
    public private(set) var jerks = 0
    public private(set) var lapses = 0
    /// Median event duration in ms per analysis id.
    public private(set) var medianDurationMs: [Int64: Double] = [:]
    /// For each analysis, its strongest jerk (or, without jerks, its first lapse): the example
    /// the report tries to show a trace of.
    public private(set) var examples: [Int64: EventMeasure] = [:]

    private var currentAnalysis: Int64?
    private var currentDurations: [Double] = []

    public init() {}

    /// Adds one event. Events must come grouped by analysis (as ``Store/forEachLatestEvent(person:_:)``
    /// gives them). Complexity: O(log bins).
    public mutating func add(_ e: EventMeasure) {
        if e.analysisID != currentAnalysis { closeAnalysis(); currentAnalysis = e.analysisID }
        let ms = (e.offset - e.onset) * 1000
        guard ms.isFinite, ms >= 0 else { return }
        currentDurations.append(ms)
        if e.isPositive {
            jerks += 1
            Self.bin(ms, edges: Self.durationEdges, into: &jerkDurations)
            if e.intensity.isFinite, e.intensity > 0 {
                Self.bin(min(log2(max(e.intensity, 1)), 10), edges: Self.intensityLogEdges, into: &jerkIntensity)
            }
            if let best = examples[e.analysisID], best.isPositive, best.intensity >= e.intensity {} else {
                examples[e.analysisID] = e
            }
        } else {
            lapses += 1
            Self.bin(ms, edges: Self.durationEdges, into: &lapseDurations)
            if e.intensity.isFinite { Self.bin(min(max(e.intensity * 100, 0), 100), edges: Self.depthEdges, into: &lapseDepth) }
            if examples[e.analysisID] == nil { examples[e.analysisID] = e }
        }
    }

    /// Closes the last analysis; call once after the last event.
    public mutating func finish() { closeAnalysis(); currentAnalysis = nil }

    private mutating func closeAnalysis() {
        guard let id = currentAnalysis, !currentDurations.isEmpty else { currentDurations.removeAll(keepingCapacity: true); return }
        currentDurations.sort()
        let n = currentDurations.count
        medianDurationMs[id] = n % 2 == 1 ? currentDurations[n / 2] : (currentDurations[n / 2 - 1] + currentDurations[n / 2]) / 2
        currentDurations.removeAll(keepingCapacity: true)
    }

    /// Adds `value` to the bin `edges[i]..<edges[i+1]` that holds it; values past the last edge
    /// go into the last bin, values below the first are dropped.
    private static func bin(_ value: Double, edges: [Double], into counts: inout [Int]) {
        guard !counts.isEmpty, let first = edges.first, value >= first else { return }
        var lo = 0, hi = edges.count - 1
        while hi - lo > 1 {
            let m = (lo + hi) / 2
            if edges[m] <= value { lo = m } else { hi = m }
        }
        counts[min(lo, counts.count - 1)] += 1
    }
}

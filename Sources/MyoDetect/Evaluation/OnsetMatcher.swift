/// One-to-one matching of detected onsets to true onsets within a tolerance, smallest time
/// difference first.
///
/// This is how event detectors are scored against ground truth in sleep-spindle and EMG-onset
/// work (and in Myotrace's peers): each true event is matched at most once, each detection at
/// most once, and a pair counts only when the onsets differ by less than the tolerance
/// (EMG 50 ms, accelerometer 100 ms by default; see docs/sources.md, evaluation).
///
/// Complexity: O((d + t) log(d + t) + c log c), where c is the number of candidate pairs within
/// the tolerance (small for sparse events).
public enum OnsetMatcher {
    /// A matched pair: indices into the detected and the true arrays.
    public struct Pair: Sendable, Hashable {
        public var detected: Int
        public var truth: Int
    }

    /// Matches `detected` onsets to `truth` onsets (seconds); both may be unsorted.
    public static func match(detected: [Double], truth: [Double], tolerance: Double) -> [Pair] {
        guard !detected.isEmpty, !truth.isEmpty, tolerance > 0 else { return [] }
        let order = truth.indices.sorted { truth[$0] < truth[$1] }
        let sortedTruth = order.map { truth[$0] }
        var candidates: [(difference: Double, detected: Int, truth: Int)] = []
        for (i, d) in detected.enumerated() {
            var j = lowerBound(sortedTruth, d - tolerance)
            while j < sortedTruth.count, sortedTruth[j] <= d + tolerance {
                let diff = abs(d - sortedTruth[j])
                if diff < tolerance { candidates.append((diff, i, order[j])) }
                j += 1
            }
        }
        candidates.sort { ($0.difference, $0.detected, $0.truth) < ($1.difference, $1.detected, $1.truth) }
        var usedDetected = Set<Int>(), usedTruth = Set<Int>()
        var pairs: [Pair] = []
        for c in candidates where !usedDetected.contains(c.detected) && !usedTruth.contains(c.truth) {
            usedDetected.insert(c.detected)
            usedTruth.insert(c.truth)
            pairs.append(Pair(detected: c.detected, truth: c.truth))
        }
        return pairs.sorted { $0.truth < $1.truth }
    }

    private static func lowerBound(_ a: [Double], _ x: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

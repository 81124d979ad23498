/// Reduces a long sampled trace to at most two points per pixel column (the minimum and maximum
/// of the samples falling in it), so a polyline of any length stays small and still shows every
/// spike: a plain decimation would drop the very transients a reader looks for.
struct TraceDownsampler {
    /// Number of pixel columns the trace spans.
    let columns: Int

    init(columns: Int) {
        self.columns = max(1, columns)
    }

    /// One column's extremes, in sample order so the polyline goes through them as the signal did.
    struct Column: Equatable {
        var index: Int
        var first: Float
        var second: Float
    }

    /// The per-column extremes of `samples`, skipping non-finite samples (a gap in the signal
    /// leaves its columns out rather than drawing a spike to infinity).
    ///
    /// Complexity: O(samples.count) time, O(columns) memory.
    func reduce(_ samples: [Float]) -> [Column] {
        guard !samples.isEmpty else { return [] }
        let n = samples.count
        var out: [Column] = []
        out.reserveCapacity(min(n, columns))
        samples.withUnsafeBufferPointer { buffer in
            for column in 0..<min(columns, n) {
                // Integer arithmetic splits n samples into `columns` runs that differ by at most one.
                let lo = column * n / min(columns, n)
                let hi = (column + 1) * n / min(columns, n)
                var minValue = Float.infinity, maxValue = -Float.infinity
                var minAt = lo, maxAt = lo
                for i in lo..<hi {
                    let v = buffer[i]
                    guard v.isFinite else { continue }
                    if v < minValue { minValue = v; minAt = i }
                    if v > maxValue { maxValue = v; maxAt = i }
                }
                guard minValue.isFinite else { continue }
                let ordered = minAt <= maxAt ? (minValue, maxValue) : (maxValue, minValue)
                out.append(Column(index: column, first: ordered.0, second: ordered.1))
            }
        }
        return out
    }

    /// Polyline points for `samples`: `x` maps a position along the trace (0 at the first
    /// sample, 1 at the last) to a pixel and `y` a sample value to a pixel. One point per flat
    /// column, two otherwise, so at most `2 × columns` points.
    func points(_ samples: [Float], x: (Double) -> Double, y: (Double) -> Double) -> [(x: Double, y: Double)] {
        let used = min(columns, samples.count)
        guard used > 0 else { return [] }
        var pts: [(x: Double, y: Double)] = []
        for c in reduce(samples) {
            // Column centre in the 0...used range, so the first and last columns touch the ends.
            let px = x(used == 1 ? 0 : Double(c.index) / Double(used - 1))
            pts.append((px, y(Double(c.first))))
            if c.second != c.first { pts.append((px, y(Double(c.second)))) }
        }
        return pts
    }
}

/// A histogram drawn from precomputed bin counts, with up to two stacked series (jerks solid,
/// lapses hatched) and optional shaded bands and marker lines for reference ranges.
///
/// Works in "axis space": a log-scaled axis passes log values as edges and labels its ticks
/// itself, so one renderer serves linear and logarithmic histograms.
struct HistogramPlot {
    struct Series {
        var counts: [Int]
        var isNegative: Bool
    }

    /// A shaded reference range, such as the 10-300 ms jerk band.
    struct Band {
        var from: Double
        var to: Double
        var label: String
    }

    /// A labelled interval drawn as a bracket under the axis, such as a silent-period bin.
    struct Bracket {
        var from: Double
        var to: Double
        var label: String
    }

    var edges: [Double]
    var series: [Series]
    var xTicks: [(value: Double, label: String)]
    var xTitle: String
    var bands: [Band] = []
    var brackets: [Bracket] = []
    var width: Double = 440
    var idPrefix: String

    private let left = 46.0, right = 12.0, top = 22.0, plotHeight = 150.0

    init(edges: [Double], series: [Series], xTicks: [(value: Double, label: String)], xTitle: String,
         idPrefix: String) {
        self.edges = edges
        self.series = series
        self.xTicks = xTicks
        self.xTitle = xTitle
        self.idPrefix = idPrefix
    }

    /// Counts of `values` in the bins `edges[i]..<edges[i+1]`; values beyond the last edge go
    /// into the last bin (the caller labels it as open-ended), values below the first are
    /// dropped, non-finite ones ignored. Complexity: O(values × log bins).
    static func counts(_ values: [Double], edges: [Double]) -> [Int] {
        guard edges.count >= 2 else { return [] }
        var out = [Int](repeating: 0, count: edges.count - 1)
        for v in values where v.isFinite && v >= edges[0] {
            // Binary search for the last edge not above v.
            var lo = 0, hi = edges.count - 1
            while hi - lo > 1 {
                let m = (lo + hi) / 2
                if edges[m] <= v { lo = m } else { hi = m }
            }
            out[min(lo, out.count - 1)] += 1
        }
        return out
    }

    /// The histogram as an SVG element.
    func render(description: String) -> String {
        let bracketSpace = brackets.isEmpty ? 0.0 : 22.0
        let height = top + plotHeight + 40 + bracketSpace
        var canvas = SVGCanvas(width: width, height: height, idPrefix: idPrefix)
        let hatch = canvas.hatchPattern(named: "neg", colour: ReportStyle.negative)
        guard let first = edges.first, let last = edges.last, edges.count >= 2 else {
            return canvas.render(description: description)
        }
        let x = LinearScale(domain: first, last, range: left...(width - right))
        let binCount = edges.count - 1
        var stacked = [Int](repeating: 0, count: binCount)
        for s in series {
            for i in 0..<min(binCount, s.counts.count) { stacked[i] += s.counts[i] }
        }
        let maxCount = stacked.max() ?? 0
        let yTop = Double(max(NiceTicks.ticks(0, Double(max(maxCount, 1)), target: 4).last.map { Int($0) } ?? 1, maxCount, 1))
        let y = LinearScale(domain: 0, yTop, range: top...(top + plotHeight), inverted: true)
        let baseY = top + plotHeight

        for band in bands {
            let a = x.clamped(band.from), b = x.clamped(band.to)
            canvas.rect(x: a, y: top, width: b - a, height: plotHeight, fill: "#eef3f9")
            canvas.line(a, top, a, baseY, stroke: "#7a8ca5", dash: "4 3")
            canvas.line(b, top, b, baseY, stroke: "#7a8ca5", dash: "4 3")
            canvas.text(band.label, x: (a + b) / 2, y: top - 6, anchor: "middle", size: 10.5, fill: "#334")
        }
        // Counts are whole numbers: a tick at 0.2 events would mislead.
        for t in NiceTicks.ticks(0, yTop, target: 4) where t == t.rounded() {
            canvas.line(left, y(t), width - right, y(t), stroke: ReportStyle.grid, width: 0.6)
            canvas.text(HTMLText.number(t, decimals: 0), x: left - 5, y: y(t) + 4, anchor: "end", size: 10)
        }
        var floor = [Int](repeating: 0, count: binCount)
        for s in series {
            for i in 0..<min(binCount, s.counts.count) where s.counts[i] > 0 {
                let x0 = x(edges[i]), x1 = x(edges[i + 1])
                let y0 = y(Double(floor[i])), y1 = y(Double(floor[i] + s.counts[i]))
                canvas.rect(x: x0 + 0.4, y: y1, width: max(x1 - x0 - 0.8, 0.6), height: y0 - y1,
                            fill: s.isNegative ? hatch : ReportStyle.positive,
                            stroke: s.isNegative ? ReportStyle.negative : nil)
                floor[i] += s.counts[i]
            }
        }
        canvas.line(left, baseY, width - right, baseY, stroke: ReportStyle.axis)
        canvas.line(left, top, left, baseY, stroke: ReportStyle.axis)
        for tick in xTicks {
            canvas.line(x(tick.value), baseY, x(tick.value), baseY + 4, stroke: ReportStyle.axis)
            canvas.text(tick.label, x: x(tick.value), y: baseY + 16, anchor: "middle", size: 10)
        }
        for b in brackets {
            let a = x.clamped(b.from) + 1, c = x.clamped(b.to) - 1, by = baseY + 26
            canvas.path("M\(HTMLText.coordinate(a)),\(HTMLText.coordinate(by - 4))V\(HTMLText.coordinate(by))"
                        + "H\(HTMLText.coordinate(c))V\(HTMLText.coordinate(by - 4))", fill: "none",
                        stroke: ReportStyle.negative, width: 1)
            canvas.text(b.label, x: (a + c) / 2, y: by + 12, anchor: "middle", size: 9.5, fill: ReportStyle.negative)
        }
        canvas.text(xTitle, x: (left + width - right) / 2, y: height - 4, anchor: "middle", size: 11)
        canvas.text("events", x: 12, y: top + plotHeight / 2, anchor: "middle", size: 10.5, rotate: true)
        return canvas.render(description: description)
    }
}

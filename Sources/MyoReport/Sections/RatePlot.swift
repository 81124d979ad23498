import MyoDetect

/// Section 4: events per minute over time, jerks as solid bars above the axis and lapses as
/// hatched bars below it (the same up/down convention as the raster), on one shared scale.
enum RatePlot {
    private static let left = 150.0, right = 16.0, top = 14.0, half = 90.0, axisHeight = 44.0

    /// Bin widths in minutes, chosen so a 10-minute test and a week of wearable data both give a
    /// readable number of bars.
    private static let binChoices: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 240, 360, 720, 1440]

    /// The smallest bin width (minutes) giving at most `maxBars` bars over `seconds`.
    static func binMinutes(seconds: Double, maxBars: Int) -> Double {
        let minutes = seconds / 60
        return binChoices.first { (minutes / $0).rounded(.up) <= Double(maxBars) } ?? binChoices[binChoices.count - 1]
    }

    /// Events per minute in each bin for one polarity, counting each fused event once at its onset.
    /// The last bin's rate uses the time it actually covers. Complexity: O(events + bins).
    static func rates(_ events: [MyoclonicEvent], polarity: Polarity, span: Double, binSeconds: Double) -> [Double] {
        let binCount = max(1, Int((span / binSeconds).rounded(.up)))
        var counts = [Int](repeating: 0, count: binCount)
        for e in events where e.polarity == polarity && e.onset.isFinite {
            let b = Int(max(0, e.onset) / binSeconds)
            counts[min(max(b, 0), binCount - 1)] += 1
        }
        return counts.enumerated().map { i, n in
            let covered = min(binSeconds, span - Double(i) * binSeconds)
            return covered > 0 ? Double(n) / (covered / 60) : 0
        }
    }

    static func html(_ result: AnalysisResult, options: ReportOptions) -> String {
        let span = EventRasterPlot.timeSpan(result)
        let binMin = binMinutes(seconds: span, maxBars: options.maxRateBars)
        let binSeconds = binMin * 60
        let up = rates(result.events, polarity: .positive, span: span, binSeconds: binSeconds)
        let down = rates(result.events, polarity: .negative, span: span, binSeconds: binSeconds)
        let peak = max(up.max() ?? 0, down.max() ?? 0)
        let yTop = peak > 0 ? (NiceTicks.ticks(0, peak * 1.05, target: 3).last.map { max($0, peak) } ?? peak) : 1

        let width = Double(options.plotWidth)
        let mid = top + half
        let height = top + 2 * half + axisHeight
        var canvas = SVGCanvas(width: width, height: height, idPrefix: "rate")
        let hatch = canvas.hatchPattern(named: "neg", colour: ReportStyle.negative)
        let x = LinearScale(domain: 0, span, range: left...(width - right))
        let y = LinearScale(domain: 0, yTop, range: 0...half)

        for t in NiceTicks.ticks(0, yTop, target: 3) where t > 0 {
            let label = HTMLText.number(t, decimals: NiceTicks.decimals(for: NiceTicks.step(span: yTop, target: 3)))
            for sign in [-1.0, 1.0] {
                canvas.line(left, mid - sign * y(t), width - right, mid - sign * y(t), stroke: ReportStyle.grid)
                canvas.text(label, x: left - 6, y: mid - sign * y(t) + 4, anchor: "end", size: 10.5)
            }
        }
        for (i, r) in up.enumerated() where r > 0 {
            let x0 = x(Double(i) * binSeconds), x1 = x(min(Double(i + 1) * binSeconds, span))
            canvas.rect(x: x0 + 0.5, y: mid - y(r), width: max(x1 - x0 - 1, 0.8), height: y(r), fill: ReportStyle.positive)
        }
        for (i, r) in down.enumerated() where r > 0 {
            let x0 = x(Double(i) * binSeconds), x1 = x(min(Double(i + 1) * binSeconds, span))
            canvas.rect(x: x0 + 0.5, y: mid, width: max(x1 - x0 - 1, 0.8), height: y(r), fill: hatch,
                        stroke: ReportStyle.negative)
        }
        canvas.line(left, mid, width - right, mid, stroke: ReportStyle.axis)
        canvas.text("0", x: left - 6, y: mid + 4, anchor: "end", size: 10.5)
        canvas.line(left, top, left, top + 2 * half, stroke: ReportStyle.axis)
        canvas.text("jerks / min", x: left - 44, y: top + half / 2, anchor: "middle", size: 11, rotate: true)
        canvas.text("lapses / min", x: left - 44, y: mid + half / 2, anchor: "middle", size: 11, rotate: true)

        let axis = TimeAxis(start: 0, end: span, target: 9)
        let axisY = top + 2 * half
        canvas.line(left, axisY, width - right, axisY, stroke: ReportStyle.axis)
        for t in axis.ticks {
            canvas.line(x(t), axisY, x(t), axisY + 5, stroke: ReportStyle.axis)
            canvas.text(axis.label(t), x: x(t), y: axisY + 18, anchor: "middle", size: 11)
        }
        canvas.text("time from recording start (\(axis.unitLabel))", x: (left + width - right) / 2, y: axisY + 36,
                    anchor: "middle", size: 11.5)

        let binText = binMin == 1 ? "1-minute bins" : "\(HTMLText.number(binMin, decimals: 0))-minute bins"
        return "<h3>Rate per minute</h3><figure>"
            + canvas.render(description: "Events per minute over time, jerks above and lapses below the axis")
            + "<figcaption><div class=\"legend\"><span><span class=\"swatch pos\"></span>jerks per minute (above)</span>"
            + "<span><span class=\"swatch neg\"></span>lapses per minute (below)</span></div>"
            + "Events per minute in \(binText), each event counted once at its onset; "
            + "the last bar is scaled to the time it covers.</figcaption></figure>"
    }
}

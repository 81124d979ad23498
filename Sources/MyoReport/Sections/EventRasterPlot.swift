import MyoDetect

/// Section 3: when events happened, one row per channel: ticks above the row's midline for jerks,
/// below it for lapses, grey bands for long activity (voluntary movement, tonic contraction).
///
/// The raster is aggregated to one tick per pixel column, row and polarity, and long activity to
/// merged pixel intervals, so the figure's size is bounded by rows × width whatever the number of
/// events: 10 000 events over an hour draw as at most a few thousand short path segments.
enum EventRasterPlot {
    private static let left = 150.0, right = 16.0, top = 10.0, rowHeight = 38.0, axisHeight = 44.0

    /// One raster row: a channel, by its index in the recording.
    struct Row {
        var channelIndex: Int
        var label: String
    }

    /// The analysed channels in order, then any channel that events or long activity name but
    /// the channel list lacks (so nothing found is hidden). Complexity: O(channels + events).
    static func rows(_ result: AnalysisResult) -> [Row] {
        var rows = result.channels.map { Row(channelIndex: $0.index, label: $0.label) }
        var seen = Set(rows.map(\.channelIndex))
        for event in result.events {
            for c in event.channels where !seen.contains(c.channelIndex) {
                seen.insert(c.channelIndex)
                rows.append(Row(channelIndex: c.channelIndex, label: c.channel))
            }
        }
        for a in result.longActivity where !seen.contains(a.channelIndex) {
            seen.insert(a.channelIndex)
            rows.append(Row(channelIndex: a.channelIndex, label: a.channel))
        }
        return rows
    }

    /// The time span every time plot shares: the recording, or the events' span when the
    /// duration is missing.
    static func timeSpan(_ result: AnalysisResult) -> Double {
        if result.durationSeconds.isFinite, result.durationSeconds > 0 { return result.durationSeconds }
        let last = result.events.map(\.offset).filter(\.isFinite).max() ?? 0
        return max(last, 1)
    }

    static func html(_ result: AnalysisResult, options: ReportOptions) -> String {
        let rows = rows(result)
        var out = "<section id=\"raster\" class=\"page\"><h2>Events over time</h2>"
        guard !rows.isEmpty else {
            return out + "<p class=\"empty\">No channel to show.</p></section>"
        }
        let width = Double(options.plotWidth)
        let height = top + rowHeight * Double(rows.count) + axisHeight
        let span = timeSpan(result)
        let x = LinearScale(domain: 0, span, range: left...(width - right))
        let columns = Int(width - right - left)
        var canvas = SVGCanvas(width: width, height: height, idPrefix: "raster")
        let axis = TimeAxis(start: 0, end: span, target: 9)

        for t in axis.ticks {
            canvas.line(x(t), top, x(t), top + rowHeight * Double(rows.count), stroke: ReportStyle.grid)
        }
        let rowOf = Dictionary(rows.enumerated().map { ($1.channelIndex, $0) }, uniquingKeysWith: { a, _ in a })

        // Long activity first so ticks draw over the bands.
        var bands = Array(repeating: [(Double, Double)](), count: rows.count)
        for a in result.longActivity {
            guard let r = rowOf[a.channelIndex], a.onset.isFinite, a.offset.isFinite else { continue }
            bands[r].append((x.clamped(a.onset), x.clamped(max(a.offset, a.onset))))
        }
        // Per row and polarity, how many events fall in each pixel column.
        var occupied = Array(repeating: [Int](repeating: 0, count: columns + 1), count: rows.count * 2)
        for event in result.events {
            for c in event.channels {
                guard let r = rowOf[c.channelIndex], c.onset.isFinite else { continue }
                let col = Int((x.clamped(c.onset) - left).rounded())
                let slot = r * 2 + (c.polarity == .positive ? 0 : 1)
                if col >= 0, col <= columns { occupied[slot][col] += 1 }
            }
        }
        let densest = occupied.lazy.compactMap { $0.max() }.max() ?? 0

        for (r, row) in rows.enumerated() {
            let mid = top + rowHeight * (Double(r) + 0.5)
            canvas.text(ellipsized(row.label, max: 22), x: left - 8, y: mid + 4, anchor: "end", size: 12)
            for (a, b) in merged(bands[r]) {
                canvas.rect(x: a, y: mid - rowHeight * 0.42, width: max(b - a, 1), height: rowHeight * 0.84,
                            fill: ReportStyle.longActivity)
            }
            canvas.line(left, mid, width - right, mid, stroke: "#999", width: 0.6)
            canvas.path(ticks(occupied[r * 2], densest: densest, left: left, from: mid - 1, direction: -1), fill: "none",
                        stroke: ReportStyle.positive, width: 1.6)
            canvas.path(ticks(occupied[r * 2 + 1], densest: densest, left: left, from: mid + 1, direction: 1), fill: "none",
                        stroke: ReportStyle.negative, width: 1.6)
        }
        let axisY = top + rowHeight * Double(rows.count)
        canvas.line(left, axisY, width - right, axisY, stroke: ReportStyle.axis)
        for t in axis.ticks {
            canvas.line(x(t), axisY, x(t), axisY + 5, stroke: ReportStyle.axis)
            canvas.text(axis.label(t), x: x(t), y: axisY + 18, anchor: "middle", size: 11)
        }
        canvas.text("time from recording start (\(axis.unitLabel))", x: (left + width - right) / 2, y: axisY + 36,
                    anchor: "middle", size: 11.5)

        out += "<figure>" + canvas.render(description: "Raster of detected events per channel over time")
        out += "<figcaption><div class=\"legend\"><span><span class=\"swatch pos\"></span>jerk (tick above the line)</span>"
            + "<span><span class=\"swatch neg\"></span>lapse (tick below the line)</span>"
            + "<span><span class=\"swatch long\"></span>long activity, not counted</span></div>"
            + "An event seen on several channels has a tick on each. Where events lie closer than the width "
            + "of one tick, one tick stands for all of them"
            + (densest > Self.denseColumn ? ", and a longer tick means more events there." : ".") + "</figcaption></figure>"
        if result.events.isEmpty {
            out += "<p class=\"empty\">No events to show: the rows are empty.</p>"
        }
        return out + RatePlot.html(result, options: options) + "</section>"
    }

    /// Up to this many events in one pixel column every tick has the full length: a sparse
    /// raster reads as individual events. Beyond it a solid band of equal ticks would hide where
    /// events crowd, so tick length follows the column's count instead.
    private static let denseColumn = 2

    /// One SVG path of vertical ticks at the occupied columns, pointing up (`direction` -1) or
    /// down (+1). Complexity: O(columns).
    private static func ticks(_ counts: [Int], densest: Int, left: Double, from y: Double, direction: Double) -> String {
        let full = 13.0
        var d = ""
        for (col, count) in counts.enumerated() where count > 0 {
            // Square root so a column of one event stays visible beside one of fifty.
            let length = densest <= denseColumn ? full : 3 + (full - 3) * (Double(count) / Double(densest)).squareRoot()
            d += "M\(HTMLText.coordinate(left + Double(col)))," + HTMLText.coordinate(y) + "v"
                + HTMLText.coordinate(direction * length)
        }
        return d
    }

    /// Pixel intervals merged where they overlap or touch. Complexity: O(n log n).
    static func merged(_ intervals: [(Double, Double)]) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        for (a, b) in intervals.sorted(by: { $0.0 < $1.0 }) {
            if let last = out.last, a <= last.1 + 1 {
                out[out.count - 1].1 = max(last.1, b)
            } else {
                out.append((a, b))
            }
        }
        return out
    }

    /// Shortens a long label so it cannot run into the plot; the channel table shows it whole.
    static func ellipsized(_ label: String, max: Int) -> String {
        label.count <= max ? label : String(label.prefix(max - 1)) + "…"
    }
}

import Foundation
@testable import MyoReport
import Testing

@Suite("Report SVG building blocks")
struct SVGBuildingBlockTests {
    @Test func niceTicksUseOneTwoFiveSteps() {
        #expect(NiceTicks.ticks(0, 100, target: 5) == [0, 20, 40, 60, 80, 100])
        #expect(NiceTicks.ticks(0, 7, target: 4) == [0, 2, 4, 6])
        #expect(NiceTicks.ticks(-3, 3, target: 3) == [-2, 0, 2])
        #expect(NiceTicks.step(span: 0.37, target: 4) == 0.1)
        #expect(NiceTicks.decimals(for: 0.05) == 2)
        #expect(NiceTicks.ticks(.nan, 1).isEmpty)
        #expect(NiceTicks.ticks(5, 5) == [5])
    }

    @Test func timeAxisSwitchesToHoursForLongRecordings() {
        let short = TimeAxis(start: 0, end: 600)
        #expect(short.unitLabel == "mm:ss")
        #expect(short.ticks.first == 0 && short.ticks.last == 600)
        #expect(short.label(75) == "01:15")
        let day = TimeAxis(start: 0, end: 86_400 * 2)
        #expect(day.unitLabel == "hh:mm")
        #expect(day.label(3600 * 30 + 60 * 5) == "30:05")
        #expect(day.ticks.count <= 12)
        #expect(TimeAxis(start: 0, end: .nan).ticks == [0, 1])
    }

    @Test func downsamplingKeepsTheSpikeAndBoundsThePoints() {
        var samples = [Float](repeating: 0.1, count: 100_000)
        samples[54_321] = 9
        samples[70_000] = -7
        let pts = TraceDownsampler(columns: 200).points(samples, x: { $0 * 200 }, y: { $0 })
        #expect(pts.count <= 400)
        #expect(pts.contains { $0.y == 9 })
        #expect(pts.contains { $0.y == -7 })
        #expect(pts.first?.x == 0)
        // Fewer samples than columns: every sample is kept.
        let few = TraceDownsampler(columns: 200).points([1, 2, 3], x: { $0 }, y: { $0 })
        #expect(few.map(\.y) == [1, 2, 3])
        #expect(few.map(\.x) == [0, 0.5, 1])
        #expect(TraceDownsampler(columns: 10).reduce([.nan, .nan]).isEmpty)
    }

    @Test func escapingCoversMarkupQuotesAndControls() {
        #expect(HTMLText.escape("<a href='x'>\"&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")
        #expect(HTMLText.escape("a\u{0}b\u{1B}c\nd") == "abc\nd")
        #expect(HTMLText.escape("µV – ü") == "µV – ü")
    }

    @Test func numbersAreLocaleFreeAndNeverNaN() {
        #expect(HTMLText.number(3.14159, decimals: 2) == "3.14")
        #expect(HTMLText.number(nil) == "–")
        #expect(HTMLText.number(.nan) == "–")
        #expect(HTMLText.count(1_234_567) == "1\u{2009}234\u{2009}567")
        #expect(HTMLText.count(999) == "999")
        #expect(HTMLText.coordinate(.infinity) == "0")
        #expect(HTMLText.coordinate(12.0) == "12")
        #expect(HTMLText.coordinate(12.34) == "12.3")
        #expect(HTMLText.duration(seconds: 600) == "10 min 00 s")
        #expect(HTMLText.duration(seconds: 3600 * 7 + 185) == "7 h 03 min")
    }

    @Test func linearScaleSurvivesDegenerateDomains() {
        let s = LinearScale(domain: 5, 5, range: 0...100)
        #expect(s(5) == 0 && s(6) == 100)
        let inv = LinearScale(domain: 0, 10, range: 0...100, inverted: true)
        #expect(inv(0) == 100 && inv(10) == 0)
        #expect(inv.clamped(20) == 0)
    }

    @Test func histogramCountsPutOverflowInTheLastBin() {
        let counts = HistogramPlot.counts([0, 5, 10, 19.9, 20, 99, -1, .nan], edges: [0, 10, 20, 30])
        #expect(counts == [2, 2, 2])
    }

    @Test func rateBinsGrowWithTheRecording() {
        #expect(RatePlot.binMinutes(seconds: 600, maxBars: 120) == 1)
        #expect(RatePlot.binMinutes(seconds: 3600 * 8, maxBars: 120) == 5)
        #expect(RatePlot.binMinutes(seconds: 86_400 * 7, maxBars: 120) == 120)
        let rates = RatePlot.rates([], polarity: .positive, span: 90, binSeconds: 60)
        #expect(rates == [0, 0])
    }

    @Test func rasterMergesTouchingIntervals() {
        let m = EventRasterPlot.merged([(10, 20), (5, 8), (20.5, 30), (50, 51)])
        #expect(m.count == 3)
        #expect(m[0] == (5, 8) && m[1] == (10, 30) && m[2] == (50, 51))
    }

    @Test func galleryPicksSpreadEvenly() {
        #expect(GallerySection.picks(count: 5, limit: 12) == [0, 1, 2, 3, 4])
        #expect(GallerySection.picks(count: 100, limit: 4) == [0, 33, 66, 99])
        #expect(GallerySection.picks(count: 0, limit: 4).isEmpty)
    }
}

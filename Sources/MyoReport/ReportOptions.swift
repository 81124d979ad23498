/// Choices that shape an HTML report without changing what it reports.
public struct ReportOptions: Sendable, Equatable {
    /// The page title and first heading.
    public var title: String
    /// At most this many example events in the gallery. Each example costs about 3-6 kB of SVG,
    /// so the cap keeps a report of thousands of events small enough to open and print.
    public var maxGalleryEvents: Int
    /// Width of every plot's coordinate system in SVG user units (CSS pixels on screen). The
    /// plots scale to the page width, so this sets resolution, not size: the raster and the
    /// traces are aggregated to one column per unit, which bounds the page size whatever the
    /// number of events or samples.
    public var plotWidth: Int
    /// The rate plot uses the smallest of 1, 2, 5, 10, 15, 30, 60... minute bins that gives at
    /// most this many bars, so a week-long recording still gives readable bars.
    public var maxRateBars: Int
    /// When the report was made, as the caller wants it shown (nil: not shown). The report
    /// never reads the clock itself, so the same result always gives the same page.
    public var generatedAt: String?

    /// Options with the defaults above; out-of-range values are clamped to workable ones rather
    /// than rejected, because a report should always render.
    public init(title: String = "Myoclonus analysis report", maxGalleryEvents: Int = 12, plotWidth: Int = 900,
                maxRateBars: Int = 120, generatedAt: String? = nil) {
        self.title = title
        self.maxGalleryEvents = max(0, maxGalleryEvents)
        // Below ~300 units the axis labels overlap; above ~4000 the aggregation stops bounding size.
        self.plotWidth = min(max(plotWidth, 300), 4000)
        self.maxRateBars = min(max(maxRateBars, 10), 2000)
        self.generatedAt = generatedAt
    }
}

import MyoAnalysis
import MyoDetect

/// Renders an `AnalysisResult` as one self-contained HTML page a clinician can read on screen
/// and print on A4: inline CSS and SVG, no scripts, no fonts or images fetched from anywhere.
///
/// The page has seven parts: what was analysed (with the statement that this is decision
/// support, not a diagnosis), key figures per channel and polarity, an event raster and the rate
/// per minute over time, duration and intensity histograms, a gallery of example events, and
/// the parameters and warnings. Every text taken from the result is escaped, so a channel label
/// such as `<script>` shows as text.
///
/// Size: bounded by the plot width, the number of channels, parameters and warnings, and the
/// gallery cap, not by the number of events: 10 000 events give a page of a few hundred kB.
public enum AnalysisReport {
    /// The report page for `result`.
    ///
    /// Complexity: O(events × log bins + snippet samples + channels × plot width).
    public static func html(_ result: AnalysisResult, characterisation: Characterisation = .init(),
                            options: ReportOptions = .init()) -> String {
        var page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
        page += "<meta name=\"generator\" content=\"Myotrace \(HTMLText.escape(result.version))\"/>"
        page += "<title>\(HTMLText.escape(options.title)) – \(HTMLText.escape(result.file))</title>"
        page += "<style>\n\(ReportStyle.css)\n</style></head><body>\n"
        page += HeaderSection.html(result, options: options) + "\n"
        page += KeyFiguresSection.html(result) + "\n"
        page += EventRasterPlot.html(result, options: options) + "\n"
        page += DistributionSection.html(result, options: options) + "\n"
        if let origin = characterisation.origin { page += OriginSection.html(origin, options: options) + "\n" }
        if let rhythm = characterisation.rhythm { page += RhythmSection.html(rhythm, options: options) + "\n" }
        if let backAveraging = characterisation.backAveraging {
            page += BackAveragingSection.html(backAveraging, options: options) + "\n"
        }
        if let coherence = characterisation.coherence { page += CoherenceSection.html(coherence, options: options) + "\n" }
        if let sleep = characterisation.sleep {
            page += SleepSection.html(sleep, parameters: characterisation.sleepParameters ?? [], options: options) + "\n"
        }
        page += SpecialFormsSection.html(clicks: characterisation.clicks ?? [], hiccups: characterisation.hiccups ?? [],
                                         options: options) + "\n"
        page += GallerySection.html(result, options: options) + "\n"
        page += ParametersSection.html(result) + "\n"
        page += "<footer>Made by Myotrace \(HTMLText.escape(result.version)) from \(HTMLText.escape(result.file)). "
            + "Automatic detection for review by a clinician; not a diagnosis.</footer>\n"
        page += "</body></html>\n"
        return page
    }
}

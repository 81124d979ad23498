import Foundation
import MyoStore

/// Everything the clinician's report shows about one person, read from the store once.
///
/// The page is rendered from this value alone (``CareReport/html(_:options:)``), so tests build
/// it by hand and the page never depends on the clock or on files other than those named here.
public struct CareReportData: Sendable {
    public var overview: PersonOverview
    public var trend: TrendReport
    public var treatments: [Treatment]
    public var diary: [DiaryEntry]
    public var recordings: [RecordingOverview]
    /// The latest assessment, or `nil` when there is none (the page says "no assessment yet").
    public var assessment: CareAssessment?
    /// Set when the latest stored assessment could not be read as a JSON object.
    public var assessmentProblem: String?
    public var redFlags: [CareRedFlag]
    public var events: CareEventDigest
    public var traces: CareTraces

    public init(overview: PersonOverview, trend: TrendReport, treatments: [Treatment], diary: [DiaryEntry],
                recordings: [RecordingOverview], assessment: CareAssessment?, assessmentProblem: String? = nil,
                redFlags: [CareRedFlag], events: CareEventDigest, traces: CareTraces) {
        self.overview = overview
        self.trend = trend
        self.treatments = treatments
        self.diary = diary
        self.recordings = recordings
        self.assessment = assessment
        self.assessmentProblem = assessmentProblem
        self.redFlags = redFlags
        self.events = events
        self.traces = traces
    }

    /// Reads a person's report from the store; throws ``StoreError/unknownPerson(_:)`` for an
    /// unknown code. `sourceFolders` are searched for the source recordings (see
    /// ``CareTraceLoader``). Complexity: O(recordings + diary + events), in constant memory
    /// for the events (they are binned as they stream).
    public static func load(store: Store, person code: String, trendOptions: TrendOptions = TrendOptions(),
                            sourceFolders: [String] = []) throws -> CareReportData {
        let overview = try store.overview(code: code)
        let trend = try store.trend(person: code, options: trendOptions)
        let recordings = try store.recordingOverviews(person: code)
        var digest = CareEventDigest()
        try store.forEachLatestEvent(person: code) { digest.add($0) }
        digest.finish()
        var assessment: CareAssessment?
        var problem: String?
        if let latest = try store.assessments(person: code).last {
            assessment = CareAssessment.parse(latest.json, time: latest.time)
            if assessment == nil { problem = "the latest assessment is not a JSON object and cannot be shown" }
        }
        return CareReportData(
            overview: overview, trend: trend, treatments: try store.treatments(person: code), diary: try store.diary(person: code),
            recordings: recordings, assessment: assessment, assessmentProblem: problem,
            redFlags: CareRedFlag.collect(trend: trend, assessment: assessment, intakeJSON: overview.person.intakeJSON),
            events: digest,
            traces: CareTraceLoader.load(recordings: recordings, examples: digest.examples, folders: sourceFolders))
    }
}

import Foundation
import MyoStore

/// Writes a person's measurements as a FHIR R4 `Bundle` of type `collection`: one `Patient`
/// known only by the pseudonymous code, per recording an `Observation` of the event rate (per
/// hour of analysable signal, UCUM `/h`) and one of the median event duration (UCUM `ms`), and a
/// `DiagnosticReport` that references them with a conclusion in plain words and the
/// decision-support disclaimer. Codes and systems are documented in `docs/fhir.md`.
///
/// No LOINC or SNOMED code is claimed: none names these measurements exactly, so the codes come
/// from Myotrace's own code system (``codeSystem``). Ids are derived from the person's code and
/// the recording ids, so exporting the same store twice gives the same bundle.
public enum FHIRExport {
    /// Myotrace's code system for its measurements and report.
    public static let codeSystem = "https://myotrace.org/fhir/CodeSystem/myotrace"
    /// The identifier system of the pseudonymous person codes.
    public static let pseudonymSystem = "https://myotrace.org/fhir/NamingSystem/person-pseudonym"
    /// Code of the event rate observation.
    public static let rateCode = "myoclonus-event-rate"
    /// Code of the median event duration observation.
    public static let durationCode = "myoclonus-event-duration-median"
    /// Code of the report.
    public static let reportCode = "myoclonus-monitoring-report"
    /// The statement that travels with every export.
    public static let disclaimer = "Decision support from automatic detection, not a diagnosis: to be reviewed by a "
        + "clinician with the raw recordings, the history and the examination."

    /// What the bundle is built from.
    public struct Input: Sendable {
        public var person: String
        public var recordings: [RecordingOverview]
        /// Median event duration (ms) per analysis id (``CareEventDigest/medianDurationMs``).
        public var medianDurationMs: [Int64: Double]
        public var trend: TrendReport
        /// Seconds east of UTC of the wall-clock times in the store: FHIR needs an offset on
        /// every time of day, and recording files carry none.
        public var utcOffsetSeconds: Int
        /// The moment of export (the system clock's `Date()`, not a wall-clock time), written as the
        /// bundle's timestamp and the report's `issued`; `nil` leaves them out.
        public var issued: Date?

        public init(person: String, recordings: [RecordingOverview], medianDurationMs: [Int64: Double], trend: TrendReport,
                    utcOffsetSeconds: Int, issued: Date? = nil) {
            self.person = person
            self.recordings = recordings
            self.medianDurationMs = medianDurationMs
            self.trend = trend
            self.utcOffsetSeconds = utcOffsetSeconds
            self.issued = issued
        }
    }

    /// Reads what the bundle needs from the store; throws ``StoreError/unknownPerson(_:)``.
    /// Complexity: O(recordings + events), events streamed.
    public static func input(store: Store, person code: String, trendOptions: TrendOptions = TrendOptions(),
                             utcOffsetSeconds: Int, issued: Date? = nil) throws -> Input {
        let recordings = try store.recordingOverviews(person: code)
        var digest = CareEventDigest()
        try store.forEachLatestEvent(person: code) { digest.add($0) }
        digest.finish()
        return Input(person: code, recordings: recordings, medianDurationMs: digest.medianDurationMs,
                     trend: try store.trend(person: code, options: trendOptions), utcOffsetSeconds: utcOffsetSeconds, issued: issued)
    }

    /// The bundle as pretty-printed JSON with sorted keys. Recordings without a start time or
    /// without analysable signal give no observation (FHIR needs the period, a rate needs hours);
    /// the conclusion says how many were left out.
    /// Complexity: O(recordings).
    public static func json(_ input: Input) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(bundle(input))
        return String(decoding: data, as: UTF8.self)
    }

    static func bundle(_ input: Input) -> FHIR.Bundle {
        let patientID = id("patient", input.person)
        let subject = FHIR.Reference(reference: "urn:uuid:\(patientID)", display: nil)
        var entries = [FHIR.Entry(fullUrl: "urn:uuid:\(patientID)", resource: .patient(
            FHIR.Patient(id: patientID, identifier: [FHIR.Identifier(system: pseudonymSystem, value: input.person)])))]
        let category = [FHIR.CodeableConcept(coding: [FHIR.Coding(
            system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "procedure", display: "Procedure")], text: nil)]
        var results: [FHIR.Reference] = []
        var leftOut = 0
        var periodStart: Date?, periodEnd: Date?
        for r in input.recordings {
            guard let start = r.start, r.analysableSeconds > 0, r.durationSeconds.isFinite else { leftOut += 1; continue }
            let end = start.addingTimeInterval(max(r.durationSeconds, 0))
            periodStart = min(periodStart ?? start, start)
            periodEnd = max(periodEnd ?? end, end)
            let period = FHIR.Period(start: dateTime(start, offset: input.utcOffsetSeconds), end: dateTime(end, offset: input.utcOffsetSeconds))
            let hours = r.analysableSeconds / 3600
            let note = [FHIR.Annotation(text: "Recording \(r.fileName) (\(r.format)): \(r.events) events (\(r.jerks) jerks, "
                                        + "\(r.lapses) lapses) in \(String(format: "%.3f", hours)) h of analysable signal.")]
            let rateID = id("rate", "\(input.person)/\(r.recordingID)")
            entries.append(FHIR.Entry(fullUrl: "urn:uuid:\(rateID)", resource: .observation(FHIR.Observation(
                id: rateID, category: category,
                code: concept(rateCode, "Myoclonic events per hour of analysable signal"), subject: subject, effectivePeriod: period,
                valueQuantity: FHIR.Quantity(value: rounded(Double(r.events) / hours, 3), unit: "per hour", code: "/h"),
                method: FHIR.CodeableConcept(coding: nil, text: "Myotrace automatic detection (EMG bursts and silent periods, "
                                             + "accelerometer jerks and lapses), latest analysis of the recording"),
                note: note))))
            results.append(FHIR.Reference(reference: "urn:uuid:\(rateID)", display: nil))
            if let median = input.medianDurationMs[r.analysisID], median.isFinite {
                let durationID = id("duration", "\(input.person)/\(r.recordingID)")
                entries.append(FHIR.Entry(fullUrl: "urn:uuid:\(durationID)", resource: .observation(FHIR.Observation(
                    id: durationID, category: category, code: concept(durationCode, "Median duration of myoclonic events"),
                    subject: subject, effectivePeriod: period,
                    valueQuantity: FHIR.Quantity(value: rounded(median, 1), unit: "ms", code: "ms"), method: nil, note: note))))
                results.append(FHIR.Reference(reference: "urn:uuid:\(durationID)", display: nil))
            }
        }
        let reportID = id("report", input.person)
        let report = FHIR.DiagnosticReport(
            id: reportID,
            category: [FHIR.CodeableConcept(coding: [FHIR.Coding(system: "http://terminology.hl7.org/CodeSystem/v2-0074", code: "EN",
                                                                 display: "Electroneuro (EEG, EMG,EP,PSG)")], text: nil)],
            code: concept(reportCode, "Myoclonus monitoring report"), subject: subject,
            effectivePeriod: periodStart.map { FHIR.Period(start: dateTime($0, offset: input.utcOffsetSeconds),
                                                           end: periodEnd.map { dateTime($0, offset: input.utcOffsetSeconds) }) },
            issued: input.issued.map(instant), result: results, conclusion: conclusion(input, leftOut: leftOut))
        entries.append(FHIR.Entry(fullUrl: "urn:uuid:\(reportID)", resource: .diagnosticReport(report)))
        return FHIR.Bundle(id: id("bundle", input.person), timestamp: input.issued.map(instant), entry: entries)
    }

    /// The report's conclusion in plain words: what was measured, the change test and each
    /// treatment response, then the disclaimer.
    static func conclusion(_ input: Input, leftOut: Int) -> String {
        let t = input.trend
        let hours = input.recordings.reduce(0) { $0 + $1.analysableSeconds } / 3600
        let events = input.recordings.reduce(0) { $0 + $1.events }
        var parts = ["\(input.recordings.count) recordings with \(events) detected events in "
                     + String(format: "%.2f", hours) + " h of analysable signal."]
        if leftOut > 0 { parts.append("\(leftOut) recordings without a start time or analysable signal have no observation.") }
        parts += t.redFlags
        if let c = t.change, c.pValue != nil, !c.flagged {
            parts.append("No significant increase in the event rate from \(c.recentFrom) to \(c.recentTo) against the weeks before.")
        }
        for r in t.treatmentResponses {
            if let rr = r.rateRatio, let lo = r.lower, let hi = r.upper {
                parts.append("\(r.name) from \(r.start.prefix(10)): rate ratio after/before " + ratio(rr) + " (95 % CI "
                             + ratio(lo) + "-" + ratio(hi) + ", " + String(format: "%.1f", r.beforeHours) + " h before, "
                             + String(format: "%.1f", r.afterHours) + " h after).")
            } else if let note = r.note {
                parts.append("\(r.name) from \(r.start.prefix(10)): response not computed (\(note)).")
            }
        }
        parts.append(disclaimer)
        return parts.joined(separator: " ")
    }

    private static func ratio(_ x: Double) -> String { x.isFinite ? String(format: "%.2f", x) : "infinite" }

    private static func rounded(_ x: Double, _ decimals: Int) -> Double {
        guard x.isFinite else { return 0 }
        let scale = pow(10, Double(decimals))
        return (x * scale).rounded() / scale
    }

    private static func concept(_ code: String, _ display: String) -> FHIR.CodeableConcept {
        FHIR.CodeableConcept(coding: [FHIR.Coding(system: codeSystem, code: code, display: display)], text: display)
    }

    /// A FHIR dateTime of a wall-clock time with its UTC offset: `2024-01-01T08:00:00+01:00`.
    static func dateTime(_ wallClock: Date, offset: Int) -> String {
        let clamped = min(max(offset, -14 * 3600), 14 * 3600)
        let sign = clamped < 0 ? "-" : "+"
        let m = abs(clamped) / 60
        return WallClock.isoString(wallClock) + String(format: "%@%02d:%02d", sign, m / 60, m % 60)
    }

    /// A FHIR instant of a real moment (a `Date` as the system clock gives it, not a wall-clock
    /// time), in UTC: `2026-11-24T10:15:30Z`.
    static func instant(_ date: Date) -> String { WallClock.isoString(date) + "Z" }

    /// A stable UUID (RFC 9562 version 8, from SHA-256) for a resource, so a re-export gives the
    /// same ids and references.
    static func id(_ kind: String, _ key: String) -> String {
        var h = SHA256()
        h.update(Array("myotrace/\(kind)/\(key)".utf8))
        var b = Array(h.finalize().prefix(16))
        b[6] = (b[6] & 0x0F) | 0x80
        b[8] = (b[8] & 0x3F) | 0x80
        let hex = SHA256.hex(b)
        let chars = Array(hex)
        func part(_ a: Int, _ z: Int) -> String { String(chars[a..<z]) }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }
}

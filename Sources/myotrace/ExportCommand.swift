import ArgumentParser
import Foundation
import MyoReport
import MyoStore

/// `myotrace export PERSON --fhir`: a person's measurements as a FHIR R4 bundle.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a person's measurements for other systems (FHIR R4 JSON).",
        discussion: """
        --fhir writes a FHIR R4 Bundle (type collection): a Patient known only by the \
        pseudonymous code, per recording an Observation of the event rate (/h) and of the median \
        event duration (ms), and a DiagnosticReport referencing them with a plain-words \
        conclusion. Codes and systems: docs/fhir.md. Times in the store are wall-clock times; \
        FHIR needs their UTC offset, by default this machine's (--utc-offset +01:00 to choose). \
        The whole record as Myotrace's own JSON is `myotrace person export`.

        Examples:
          myotrace export P001 --fhir --out P001.fhir.json
          myotrace export P001 --fhir --utc-offset -05:00
        """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The person's code.") var person: String
    @Flag(help: "Write a FHIR R4 Bundle (JSON).") var fhir = false
    @Option(help: "The file to write (default: standard output).") var out: String?
    @Option(name: .customLong("utc-offset"), help: "UTC offset of the stored wall-clock times, e.g. +01:00 (default: this machine's).")
    var utcOffset: String?
    @OptionGroup var trendOptions: TrendSettings

    func validate() throws {
        guard fhir else { throw ValidationError("choose a format: --fhir (the whole record as JSON is `myotrace person export`)") }
        _ = try offsetSeconds()
    }

    /// `--utc-offset` in seconds, or the machine's current offset.
    func offsetSeconds() throws -> Int {
        guard let utcOffset else { return TimeZone.current.secondsFromGMT() }
        let t = utcOffset.trimmingCharacters(in: .whitespaces)
        let sign = t.hasPrefix("-") ? -1 : 1
        let parts = t.drop(while: { $0 == "+" || $0 == "-" }).split(separator: ":").map { Int($0) }
        guard t.first == "+" || t.first == "-", parts.count == 2, let h = parts[0], let m = parts[1],
              (0...14).contains(h), (0...59).contains(m), h * 60 + m <= 14 * 60 else {
            throw ValidationError("--utc-offset takes +HH:MM or -HH:MM from -14:00 to +14:00 (got \"\(utcOffset)\")")
        }
        return sign * (h * 3600 + m * 60)
    }

    func run() throws {
        try reportingErrors {
            let input = try FHIRExport.input(store: try store.open(), person: person, trendOptions: try trendOptions.options(),
                                             utcOffsetSeconds: try offsetSeconds(), issued: Date())
            let text: String
            do { text = try FHIRExport.json(input) } catch {
                throw StoreError.cannotWrite(file: out ?? "standard output", reason: "the bundle cannot be written as JSON: \(error)")
            }
            if let out { try write(text + "\n", to: out) } else { print(text) }
        }
    }
}

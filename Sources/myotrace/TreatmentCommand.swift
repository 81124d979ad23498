import ArgumentParser
import Foundation
import MyoStore

/// `myotrace treatment start|stop|list`: medicines, botulinum toxin sessions, stimulation.
struct TreatmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "treatment",
        abstract: "Record when a treatment starts and stops, or list them.",
        discussion: """
        Examples:
          myotrace treatment start P001 --name clonazepam --dose "0.5 mg at night"
          myotrace treatment start P001 --kind botulinum_toxin --name onabotulinumtoxinA --dose "50 U right SCM" --time 2026-11-02
          myotrace treatment start P001 --kind stimulation --name DBS --settings "GPi 130 Hz 60 us 2.5 V"
          myotrace treatment stop P001 clonazepam --time 2026-12-01
          myotrace treatment list P001 --json
        """,
        subcommands: [Start.self, Stop.self, List.self])

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Record a treatment start (and its stop, for a past course).")
        @OptionGroup var store: StoreOptions
        @Argument var person: String
        @Option(help: "medicine, botulinum_toxin, stimulation or other.") var kind = "medicine"
        @Option(help: "The medicine or procedure.") var name: String
        @Option(help: "The dose as prescribed.") var dose = ""
        @Option(help: "Stimulation settings or injection sites.") var settings = ""
        @Option(help: "When it started (default: now), e.g. 2026-11-24T08:00.") var time: String?
        @Option(help: "When it stopped, for a past course.") var stop: String?
        @Option(help: "A note.") var note = ""

        func run() throws {
            try reportingErrors {
                guard let k = Treatment.Kind(rawValue: kind) else {
                    throw StoreError.invalidValue(field: "--kind", value: kind,
                                                  reason: "choose \(Treatment.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let t = Treatment(kind: k, name: name, dose: dose, settings: settings, start: try wallClockTime(time, option: "--time"),
                                  stop: try stop.map { try wallClockTime($0, option: "--stop") }, note: note)
                let stored = try store.open().startTreatment(person: person, t)
                print("treatment \(stored.id) for \(person): \(stored.name) from \(WallClock.isoString(stored.start))")
            }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stop", abstract: "Record that an ongoing treatment stopped.")
        @OptionGroup var store: StoreOptions
        @Argument var person: String
        @Argument(help: "The treatment's id or name.") var treatment: String
        @Option(help: "When it stopped (default: now).") var time: String?

        func run() throws {
            try reportingErrors {
                let t = try store.open().stopTreatment(person: person, treatment: treatment, at: try wallClockTime(time, option: "--time"))
                print("treatment \(t.id) for \(person): \(t.name) stopped \(t.stop.map(WallClock.isoString) ?? "")")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a person's treatments.")
        @OptionGroup var store: StoreOptions
        @Argument var person: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try reportingErrors {
                let all = try store.open().treatments(person: person)
                if json { print(try StoreJSON.text(all)); return }
                let rows = all.map { t in
                    ["\(t.id)", t.kind.rawValue, t.name, t.dose, WallClock.isoString(t.start), t.stop.map(WallClock.isoString) ?? "ongoing"]
                }
                print(InfoText.table(header: ["id", "kind", "name", "dose", "start", "stop"], rows: rows, rightAligned: [0]).joined(separator: "\n"))
            }
        }
    }
}

import ArgumentParser
import Foundation
import MyoStore

/// `myotrace person add|list|show|export|delete|rate`: the people the store follows.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Add, list, show, export or delete a person (a pseudonymous code, never a name).",
        discussion: """
        Examples:
          myotrace person add P001
          myotrace person add P002 --intake intake.json     (the answers of myotrace assess)
          myotrace person list --json
          myotrace person show P001
          myotrace person rate P001 --conn-asterixis 2
          myotrace person export P001 --out P001.json
          myotrace person delete P001 --yes
        """,
        subcommands: [Add.self, List.self, Show.self, Rate.self, Export.self, Delete.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a person by pseudonymous code.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The code: letters, digits, '-', '_' and '.'.") var code: String
        @Option(help: "A JSON file with the intake answers.") var intake: String?
        @Option(help: "A note.") var note = ""
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try reportingErrors {
                let intakeText = try intake.map { try readText($0) }
                let person = try store.open().addPerson(code: code, intakeJSON: intakeText, note: note)
                print(json ? try StoreJSON.text(person) : "added person \(person.code)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every person with what the store holds.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try reportingErrors {
                let people = try store.open().people()
                if json { print(try StoreJSON.text(people)); return }
                if people.isEmpty { print("no people yet (add one with myotrace person add CODE)"); return }
                let rows = people.map { p in
                    [p.person.code, "\(p.recordings)", String(format: "%.1f", p.analysableHours), "\(p.events)", "\(p.diaryEntries)", "\(p.treatments)",
                     p.lastRecording.map { String(WallClock.isoString($0).prefix(10)) } ?? "-"]
                }
                print(InfoText.table(header: ["person", "recordings", "hours", "events", "diary", "treatments", "last recording"],
                                     rows: rows, rightAligned: [1, 2, 3, 4, 5]).joined(separator: "\n"))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one person: counts, treatments, ratings.")
        @OptionGroup var store: StoreOptions
        @Argument var code: String
        @Flag(help: "Print JSON.") var json = false

        struct Shown: Encodable {
            var overview: PersonOverview
            var treatments: [Treatment]
            var ratings: [RatingScore]
        }

        func run() throws {
            try reportingErrors {
                let s = try store.open()
                let shown = Shown(overview: try s.overview(code: code), treatments: try s.treatments(person: code), ratings: try s.ratings(person: code))
                if json { print(try StoreJSON.text(shown)); return }
                let o = shown.overview
                print("\(code): \(o.recordings) recordings (\(o.analyses) analyses), \(String(format: "%.1f", o.analysableHours)) h analysable, "
                      + "\(o.events) events, \(o.diaryEntries) diary entries, \(o.assessments) assessments")
                for t in shown.treatments {
                    print("  treatment \(t.id): \(t.kind.rawValue) \(t.name) \(t.dose) from \(WallClock.isoString(t.start))"
                          + (t.stop.map { " to \(WallClock.isoString($0))" } ?? " (ongoing)"))
                }
                for r in shown.ratings { print("  \(r.scale.rawValue) \(Int(r.score)) on \(WallClock.isoString(r.time))") }
            }
        }
    }

    struct Rate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rate",
            abstract: "Record a rating-scale score: Conn's asterixis grade 0-4.")
        @OptionGroup var store: StoreOptions
        @Argument var code: String
        @Option(help: "Conn's asterixis grade, 0 (none) to 4.") var connAsterixis: Int
        @Option(help: "When examined (default: now), e.g. 2026-11-24T10:15.") var time: String?
        @Option(help: "A note.") var note = ""

        func run() throws {
            try reportingErrors {
                let r = try store.open().addRating(person: code, RatingScore(time: try wallClockTime(time, option: "--time"),
                                                                             scale: .connAsterixis, score: Double(connAsterixis), note: note))
                print("recorded \(r.scale.rawValue) \(connAsterixis) for \(code)")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Write a person's whole record as JSON.")
        @OptionGroup var store: StoreOptions
        @Argument var code: String
        @Option(help: "The JSON file to write (default: standard output).") var out: String?

        func run() throws {
            try reportingErrors {
                let text = try store.open().exportJSON(person: code)
                if let out { try write(text + "\n", to: out) } else { print(text) }
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete a person and everything about them, for good (the file is scrubbed).")
        @OptionGroup var store: StoreOptions
        @Argument var code: String
        @Flag(help: "Confirm the deletion.") var yes = false

        func run() throws {
            try reportingErrors {
                guard yes else { throw ValidationError("deleting \(code) removes every recording, diary entry and treatment for good; add --yes to confirm") }
                try store.open().deletePerson(code: code)
                print("deleted \(code) and everything about them")
            }
        }
    }
}

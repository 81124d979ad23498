import ArgumentParser
import Foundation
import MyoStore

/// `myotrace diary add|list`: what a person logs from memory.
struct DiaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diary",
        abstract: "Log jerks from memory, or list the diary.",
        discussion: """
        Times are local wall-clock times (2026-11-24T10:15); intensity is 0 (nothing) to 10 \
        (the worst imaginable). Diary entries are shown beside measured events, never added to them.

        Examples:
          myotrace diary add P001 --body-part "right arm" --intensity 6 --trigger "reaching for a cup"
          myotrace diary add P001 --time 2026-11-23T21:30 --body-part face --intensity 3
          myotrace diary list P001 --json
        """,
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a diary entry.")
        @OptionGroup var store: StoreOptions
        @Argument var person: String
        @Option(help: "When (default: now), e.g. 2026-11-24T10:15.") var time: String?
        @Option(help: "Where: \"right arm\", \"face\", \"whole body\".") var bodyPart: String
        @Option(help: "How strong, 0-10.") var intensity: Int
        @Option(help: "What set it off, if anything.") var trigger = ""
        @Option(help: "A note.") var note = ""

        func run() throws {
            try reportingErrors {
                let entry = DiaryEntry(time: try wallClockTime(time, option: "--time"), bodyPart: bodyPart, intensity: intensity,
                                       trigger: trigger, note: note)
                let stored = try store.open().addDiaryEntry(person: person, entry)
                print("diary entry \(stored.id) for \(person) at \(WallClock.isoString(stored.time))")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a person's diary.")
        @OptionGroup var store: StoreOptions
        @Argument var person: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try reportingErrors {
                let entries = try store.open().diary(person: person)
                if json { print(try StoreJSON.text(entries)); return }
                let rows = entries.map { [WallClock.isoString($0.time), $0.bodyPart, "\($0.intensity)", $0.trigger, $0.note] }
                print(InfoText.table(header: ["time", "body part", "intensity", "trigger", "note"], rows: rows, rightAligned: [2])
                    .joined(separator: "\n"))
            }
        }
    }
}

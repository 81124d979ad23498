import ArgumentParser
import Foundation
import MyoStore

extension StoreError: UserFacingError {}

/// `--db PATH`, shared by every command that uses the store.
struct StoreOptions: ParsableArguments {
    @Option(help: "The store file (default: $MYOTRACE_DB, else myotrace/myotrace.sqlite in the user's data folder).")
    var db: String?

    /// The path in use and the opened (created, migrated) store.
    func open() throws -> Store { try Store(path: StoreLocation.path(explicit: db)) }
}

/// Parses a wall-clock time given on the command line (`2026-11-24`, `2026-11-24T10:15`), or
/// returns now when the option was not given.
func wallClockTime(_ text: String?, option: String) throws -> Date {
    guard let text else { return WallClock.now() }
    guard let date = WallClock.parse(text) else {
        throw StoreError.invalidValue(field: option, value: text, reason: "write a date as 2026-11-24 or 2026-11-24T10:15 (local time)")
    }
    return date
}

/// `myotrace db backup|restore|info`: the store file itself.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Back up, restore or describe the store.",
        discussion: """
        The store is one SQLite file in write-ahead-log mode; every import and every change is \
        one transaction, so a crash leaves it as it was before or after, never half-written.

        Examples:
          myotrace db info
          myotrace db backup myotrace-2026-11-24.sqlite
          myotrace db restore myotrace-2026-11-24.sqlite --yes
        """,
        subcommands: [Backup.self, Restore.self, Info.self])

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "backup", abstract: "Write a consistent copy of the store (itself a store).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The backup file to write (must not exist).") var output: String

        func run() throws {
            try reportingErrors {
                let s = try store.open()
                try s.backup(to: output)
                print("backed up \(s.path) to \(output)")
            }
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "restore", abstract: "Replace the whole store with a backup.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The backup file.") var input: String
        @Flag(help: "Confirm that the store's current content is replaced.") var yes = false

        func run() throws {
            try reportingErrors {
                guard yes else { throw ValidationError("restore replaces everything in the store; add --yes to confirm") }
                let s = try store.open()
                try s.restore(from: input)
                print("restored \(s.path) from \(input) (\(try s.people().count) people)")
            }
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "info", abstract: "Where the store is, its schema and what it holds.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        struct Description: Encodable {
            var path: String
            var journalMode: String
            var schema: [String]
            var people: Int
        }

        func run() throws {
            try reportingErrors {
                let s = try store.open()
                let d = Description(path: s.path, journalMode: try s.journalMode(), schema: try s.schemaVersions(), people: try s.people().count)
                if json { print(try StoreJSON.text(d)); return }
                print("\(d.path)\n  journal mode \(d.journalMode), schema \(d.schema.joined(separator: ", ")), \(d.people) people")
            }
        }
    }
}

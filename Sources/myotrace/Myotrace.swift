import ArgumentParser

/// The `myotrace` command line: thin commands over the Myotrace libraries.
@main
struct Myotrace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "myotrace",
        abstract: "Find, measure and track myoclonus in biosignal recordings.",
        discussion: """
        Myotrace reads clinical and wearable recordings (EDF, EDF+, BDF, BDF+, PhysioNet WFDB, \
        Axivity .cwa, GENEActiv .bin, ActiGraph .gt3x, CSV exports and WAV audio).

        Examples:
          myotrace info Samples/demo.edf              what is in a recording
          myotrace info night.edf --json              the same, for programs
          myotrace convert wrist.cwa wrist.edf        a wearable file to EDF+
          myotrace convert night.bdf emg.csv          any recording to CSV
        """,
        version: MyotraceVersion.string,
        subcommands: [InfoCommand.self, ConvertCommand.self, SimulateCommand.self])
}

enum MyotraceVersion {
    static let string = "0.1.0"
}

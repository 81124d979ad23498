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
          myotrace analyze Samples/demo_emg_acc_120s.edf --report report.html
                                                      find jerks and lapses, write a report
          myotrace info night.edf --json              what is in a recording, for programs
          myotrace simulate sim.edf --truth truth.csv a recording with known ground truth
          myotrace evaluate --truth truth.csv --events events.csv
                                                      score detections against the truth
          myotrace convert wrist.cwa wrist.edf        a wearable file to EDF+
          myotrace assess --answers intake.json --findings result.json
                                                      what fits, red flags, what to ask next
          myotrace person add P001 && myotrace import P001 week1/*.edf && myotrace trend P001
                                                      follow a person over weeks
          myotrace report P001 --out P001.html        the follow-up report for a clinician
          myotrace export P001 --fhir --out P001.json the measurements as a FHIR R4 bundle
        """,
        version: MyotraceVersion.string,
        subcommands: [InfoCommand.self, AnalyzeCommand.self, SimulateCommand.self, EvaluateCommand.self, ConvertCommand.self,
                      AssessCommand.self, PersonCommand.self, ImportCommand.self, DiaryCommand.self, TreatmentCommand.self,
                      TrendCommand.self, DatabaseCommand.self, ReportCommand.self, ExportCommand.self])
}

enum MyotraceVersion {
    static let string = "0.1.0"
}

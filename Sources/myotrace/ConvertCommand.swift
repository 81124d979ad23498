import ArgumentParser
import Foundation
import MyoFormats

/// `myotrace convert IN OUT`: any recording Myotrace reads to EDF+, BDF+ or CSV, streaming.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a recording to EDF+, BDF+ or CSV.",
        discussion: """
        Streams the recording, so files of any length convert in bounded memory. The output \
        format follows OUT's extension (.edf, .bdf, .csv) unless --to is given. EDF+ and BDF+ \
        keep every annotation; CSV writes one file per sample rate (time_s,<label> [<unit>],...) \
        and the annotations beside them.

        Examples:
          myotrace convert wrist.cwa wrist.edf          an Axivity file to EDF+
          myotrace convert night.edf night.bdf          EDF to 24-bit BDF+
          myotrace convert 100.hea record100.edf        a PhysioNet WFDB record to EDF+
          myotrace convert night.edf night.csv          any recording to CSV
          myotrace convert export.csv out.edf --to bdf  force the output format
        """)

    @Argument(help: "The recording to read (any format `myotrace info` reads).")
    var input: String

    @Argument(help: "The file to write.")
    var output: String

    @Option(name: .customLong("to"), help: "Output format: edf (EDF+), bdf (BDF+) or csv. Default: from OUT's extension.")
    var to: String?

    @Flag(help: "Overwrite OUT if it exists.")
    var force = false

    func validate() throws {
        if let to, OutputFormat(pathExtension: to) == nil {
            throw ValidationError("--to \(to): choose edf, bdf or csv")
        }
        if to == nil, OutputFormat(path: output) == nil {
            throw ValidationError("cannot tell the output format from \"\(output)\": name it .edf, .bdf or .csv, or pass --to")
        }
    }

    func run() throws {
        try reportingErrors {
            let format = to.flatMap { OutputFormat(pathExtension: $0) } ?? OutputFormat(path: output)!
            if !force, FileManager.default.fileExists(atPath: output) {
                throw FormatError.cannotWrite(file: output, reason: "it exists already (pass --force to overwrite)")
            }
            if URL(fileURLWithPath: input).standardizedFileURL == URL(fileURLWithPath: output).standardizedFileURL {
                throw FormatError.cannotWrite(file: output, reason: "it is the input file")
            }
            let reader = try RecordingFile.open(input)
            let bar = ProgressBar(label: "converting")
            let written = try RecordingConverter.convert(
                reader: reader, to: output, format: format, progress: bar.update,
                warnings: warn)
            bar.finish()
            let h = reader.header
            print("wrote \(format) \(written.joined(separator: ", ")): \(h.channels.count) channels, \(String(format: "%.3f", h.duration)) s")
        }
    }
}

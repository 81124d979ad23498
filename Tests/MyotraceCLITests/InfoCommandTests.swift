import Foundation
import MyoTestSupport
import Testing

/// Runs the built `myotrace` executable as a user would.
enum CLI {
    static var repositoryRoot: URL { SharedData.repositoryRoot }

    /// The `myotrace` binary beside the test bundle in the build folder.
    static let executable: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("myotrace")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/myotrace")
    }()

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    /// Runs `myotrace` with `arguments`, `input` on its standard input (then end of file, so a
    /// command that asks questions never waits for a terminal) and `environment` added to this
    /// process's own.
    static func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.currentDirectoryURL = repositoryRoot
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let stdin = Pipe(), out = Pipe(), err = Pipe()
        p.standardInput = stdin
        p.standardOutput = out
        p.standardError = err
        try p.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }

    /// A new, empty folder under the system's temporary folder.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("myotrace-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static let sample = "Samples/demo_emg_acc_120s.edf"
}

@Suite("myotrace info")
struct InfoCommandTests {
    @Test("JSON has the keys other tools rely on, with the sample's real contents")
    func jsonKeys() throws {
        let r = try CLI.run(["info", CLI.sample, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["format", "start", "durationSeconds", "channels", "annotations"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        #expect(object["format"] as? String == "EDF+")
        #expect((object["durationSeconds"] as? Double).map { abs($0 - 120) < 1e-9 } == true)
        let channels = try #require(object["channels"] as? [[String: Any]])
        #expect(channels.count == 4)
        let emg = try #require(channels.first)
        #expect(emg["kind"] as? String == "emg")
        #expect(emg["sampleRate"] as? Double == 1000)
        #expect(emg["sampleCount"] as? Int == 120_000)
        for c in channels.dropFirst() {
            #expect(c["kind"] as? String == "acc")
            #expect(c["sampleRate"] as? Double == 100)
            #expect(c["sampleCount"] as? Int == 12_000)
            for key in ["label", "unit"] { #expect(c[key] is String) }
        }
        let annotations = try #require(object["annotations"] as? [[String: Any]])
        #expect(!annotations.isEmpty)
        #expect(annotations.allSatisfy { $0["onset"] is Double && $0["text"] is String })
    }

    @Test("Text output lists the channels")
    func text() throws {
        let r = try CLI.run(["info", CLI.sample])
        #expect(r.status == 0)
        #expect(r.stdout.contains("EDF+"))
        #expect(r.stdout.contains("1000"))
        #expect(r.stdout.contains("emg"))
    }

    @Test("--kind overrides an inferred kind by number, and a wrong channel name is a clear error")
    func kindOverride() throws {
        let r = try CLI.run(["info", CLI.sample, "--json", "--kind", "2=gyro"])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let channels = try #require(object["channels"] as? [[String: Any]])
        #expect(channels[1]["kind"] as? String == "gyro")

        let bad = try CLI.run(["info", CLI.sample, "--kind", "NoSuchChannel=emg"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("NoSuchChannel"))
    }

    @Test("A missing file and a non-recording file give one clear line, not a crash")
    func badFiles() throws {
        let missing = try CLI.run(["info", "no/such/file.edf"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no/such/file.edf"))
        #expect(missing.stderr.contains("cannot open"))

        let notRecording = try CLI.run(["info", "Package.swift"])
        #expect(notRecording.status == 1)
        #expect(notRecording.stderr.contains("Package.swift"))
    }
}

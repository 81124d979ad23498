import Foundation
import MyoDetect

/// The settings an analysis ran with, in a canonical form: the same settings always give the
/// same JSON and hash, so the store can tell a repeated import (skip it) from a re-analysis
/// with new settings (keep both, labelled).
public struct AnalysisSettings: Sendable, Equatable {
    /// Sorted-key JSON of every setting.
    public let json: String
    /// SHA-256 of `json`, hexadecimal.
    public let hash: String
    /// A short human label: "default", or the settings changed from the defaults.
    public let label: String

    /// - Parameters:
    ///   - parameters: every detector parameter with its value (`AnalysisOptions.emg.described` ...).
    ///   - choices: other choices that change the result (channels, kind overrides, flags), as
    ///     name and value; empty values are left out.
    ///   - label: a label the user chose, else one is made from what differs from the defaults.
    public init(parameters: [Parameter], choices: [(name: String, value: String)] = [], label: String? = nil) {
        var object: [String: String] = [:]
        for p in parameters { object[p.name] = p.value }
        for c in choices where !c.value.isEmpty { object[c.name] = c.value }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        json = String(decoding: data, as: UTF8.self)
        hash = SHA256.hex(Array(data))
        let changed = parameters.filter { !$0.isDefault }.map { "\($0.name)=\($0.value)" }
            + choices.filter { !$0.value.isEmpty }.map { "\($0.name)=\($0.value)" }
        self.label = label ?? (changed.isEmpty ? "default" : changed.joined(separator: " "))
    }
}

/// One recording and its analysis, ready to be stored in one transaction.
public struct RecordingImport: Sendable {
    /// The file's name as given (the store keeps the last path component).
    public var fileName: String
    /// SHA-256 of the file bytes, hexadecimal (``SHA256/fileDigest(path:)``).
    public var contentHash: String
    public var byteCount: Int
    public var analysis: AnalysisResult
    public var settings: AnalysisSettings
    /// Wall-clock start of the recording, when the file states it.
    public var start: Date?

    public init(fileName: String, contentHash: String, byteCount: Int, analysis: AnalysisResult,
                settings: AnalysisSettings, start: Date?) {
        self.fileName = fileName
        self.contentHash = contentHash
        self.byteCount = byteCount
        self.analysis = analysis
        self.settings = settings
        self.start = start
    }
}

/// What an import did.
public enum ImportOutcome: Sendable, Equatable {
    /// A new recording with its first analysis.
    case stored(recordingID: Int64, analysisID: Int64, events: Int)
    /// The recording was there; this analysis (new settings or version) was added beside the others.
    case addedAnalysis(recordingID: Int64, analysisID: Int64, events: Int)
    /// The same recording with the same settings and version was there: nothing written.
    case alreadyStored(recordingID: Int64, analysisID: Int64)
}

/// What the store holds already for a file's content, checked before spending time on analysis.
public enum ImportLookup: Sendable, Equatable {
    /// Never seen.
    case new
    /// The recording is stored for `person`; `analysisID` is set when an analysis with these
    /// settings and version exists too.
    case known(recordingID: Int64, person: String, analysisID: Int64?)
}

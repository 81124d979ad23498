import Foundation
import MyoSignal

/// Placeholder: the Axivity CWA reader is being written; opening a file throws `.unsupported`.
public final class CWAReader: RecordingReader {
    public let path: String
    public let header: RecordingHeader
    public init(path: String) throws {
        self.path = path
        self.header = RecordingHeader(format: .csv, start: nil, channels: [])
        throw FormatError.unsupported(file: path, offset: nil, feature: "Axivity CWA reading is not implemented yet")
    }
    public func nextChunk() throws -> RecordingChunk? { nil }
    public func rewind() throws {}
    public func annotations() throws -> [Annotation] { [] }
}

import Foundation
import MyoSignal

/// Placeholder: the ActiGraph GT3X reader is being written; opening a file throws `.unsupported`.
public final class GT3XReader: RecordingReader {
    public let path: String
    public let header: RecordingHeader
    public init(path: String) throws {
        self.path = path
        self.header = RecordingHeader(format: .csv, start: nil, channels: [])
        throw FormatError.unsupported(file: path, offset: nil, feature: "ActiGraph GT3X reading is not implemented yet")
    }
    public func nextChunk() throws -> RecordingChunk? { nil }
    public func rewind() throws {}
    public func annotations() throws -> [Annotation] { [] }
}

import Foundation
@testable import MyoFormats

/// Temporary files for malformed-input tests: a copy of a shared recording cut short or with
/// bytes changed, written at test time and never committed.
enum WearableScratch {
    /// Writes `bytes` to a fresh file in the temporary folder and returns its path.
    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("myotrace-wearables-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    struct OutOfStep: Error { var channel: Int }

    /// The bytes of a file.
    static func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// Reads a recording chunk by chunk and concatenates each channel.
    static func concatenatedChunks(_ reader: any RecordingReader) throws -> [[Float]] {
        try reader.rewind()
        var channels = [[Float]](repeating: [], count: reader.header.channels.count)
        while let chunk = try reader.nextChunk() {
            for i in chunk.samples.indices {
                guard chunk.firstSample[i] == channels[i].count else { throw OutOfStep(channel: i) }
                channels[i] += chunk.samples[i]
            }
        }
        return channels
    }
}

import Foundation

/// Reads a text file line by line through a bounded buffer, remembering each line's byte offset
/// so errors can point at it. Accepts LF and CRLF line ends.
///
/// Complexity: O(file size) overall; memory O(`bufferSize`). A line longer than `maxLine`
/// bytes is an error rather than a reason to grow without bound.
struct TextLineCursor {
    let file: BinaryFile
    let maxLine: Int
    private let bufferSize = 1 << 20
    private var buffer = [UInt8]()
    private var bufferStart = 0
    private var position = 0
    /// File offset of the next line.
    private(set) var offset: Int

    init(file: BinaryFile, offset: Int, maxLine: Int = 16384) {
        self.file = file
        self.offset = offset
        self.maxLine = maxLine
        self.bufferStart = offset
    }

    /// True once every byte has been returned.
    var atEnd: Bool { offset >= file.size }

    /// The next line without its line end, with its file offset, or `nil` at the end of the file.
    mutating func next(field: String) throws -> (offset: Int, bytes: [UInt8])? {
        guard offset < file.size else { return nil }
        while true {
            let available = buffer.count - position
            if let nl = buffer[position...].firstIndex(of: 0x0A) {
                var end = nl
                if end > position, buffer[end - 1] == 0x0D { end -= 1 }
                let line = Array(buffer[position..<end])
                let at = offset
                offset += nl + 1 - position
                position = nl + 1
                return (at, line)
            }
            if bufferStart + buffer.count >= file.size {
                // The last line has no line end.
                var line = Array(buffer[position...])
                if line.last == 0x0D { line.removeLast() }
                let at = offset
                offset = file.size
                position = buffer.count
                return (at, line)
            }
            guard available < maxLine else {
                throw FormatError.invalidField(file: file.path, offset: offset, field: field,
                                               value: String(decoding: buffer[position..<(position + 40)], as: UTF8.self),
                                               reason: "starts a line longer than \(maxLine) bytes")
            }
            // Keep the unread tail and read the next piece after it.
            let tail = Array(buffer[position...])
            bufferStart = offset
            let n = min(bufferSize, file.size - (bufferStart + tail.count))
            var piece = [UInt8]()
            try file.read(into: &piece, offset: bufferStart + tail.count, count: n, field: field)
            buffer = tail + piece.prefix(n)
            position = 0
        }
    }
}

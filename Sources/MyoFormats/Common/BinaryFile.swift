import Foundation

/// Positioned reads from a file with typed errors, for the binary readers.
///
/// Reads go through `pread(2)`, so a reader can jump to any record without keeping the file in
/// memory. Complexity: one system call a read.
final class BinaryFile {
    let path: String
    let size: Int
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw FormatError.cannotOpen(file: path, reason: String(cString: strerror(errno)))
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw FormatError.cannotOpen(file: path, reason: reason)
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw FormatError.cannotOpen(file: path, reason: "it is a directory")
        }
        self.fd = fd
        self.size = Int(st.st_size)
    }

    deinit { close(fd) }

    /// Reads exactly `count` bytes at `offset` into `buffer` (resized as needed).
    /// Throws `.truncated` naming `field` when the file is shorter.
    func read(into buffer: inout [UInt8], offset: Int, count: Int, field: String) throws {
        if buffer.count < count { buffer = [UInt8](repeating: 0, count: count) }
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw FormatError.truncated(file: path, offset: offset, field: field,
                                        expectedBytes: count, availableBytes: max(0, size - max(0, offset)))
        }
        var done = 0
        try buffer.withUnsafeMutableBytes { raw in
            while done < count {
                let n = pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FormatError.cannotOpen(file: path, reason: String(cString: strerror(errno)))
                }
                if n == 0 {
                    throw FormatError.truncated(file: path, offset: offset, field: field,
                                                expectedBytes: count, availableBytes: done)
                }
                done += n
            }
        }
    }

    /// Reads `count` bytes at `offset` as a new array.
    func bytes(offset: Int, count: Int, field: String) throws -> [UInt8] {
        var b = [UInt8]()
        try read(into: &b, offset: offset, count: count, field: field)
        return Array(b.prefix(count))
    }
}

import Foundation
import MyoSignal

/// Streams a RIFF/WAVE file: integer PCM of 8 (unsigned), 16, 24 or 32 bits, or 32-bit float,
/// plain or WAVE_FORMAT_EXTENSIBLE, any number of channels.
///
/// Samples are scaled to full scale, -1...1 (unit "FS", kind `.audio`): integers are divided
/// by 2^(bits-1), floats are taken as they are. Chunks other than "fmt " and "data" (LIST,
/// fact, cue ...) are skipped, with RIFF's padding of odd-sized chunks.
public final class WAVReader: RecordingReader {
    public let path: String
    public let header: RecordingHeader

    private let file: BinaryFile
    private let dataOffset: Int
    private let frameCount: Int
    private let channelCount: Int
    private let bytesPerSample: Int
    private let isFloat: Bool
    private let framesPerChunk: Int
    private var nextFrame = 0
    private var raw = [UInt8]()

    private static let pcm = 1, ieeeFloat = 3, extensible = 0xFFFE

    /// Opens `path` and reads its chunk list. Throws `FormatError` naming the byte offset of a
    /// truncated or invalid chunk, and `.unsupported` for compressed codecs.
    /// Complexity: O(number of RIFF chunks).
    public init(path: String) throws {
        self.path = path
        let file = try BinaryFile(path: path)
        self.file = file
        let riff = try file.bytes(offset: 0, count: 12, field: "RIFF header")
        guard riff[0..<4].elementsEqual("RIFF".utf8), riff[8..<12].elementsEqual("WAVE".utf8) else {
            throw FormatError.unrecognizedFormat(file: path, reason: "no RIFF/WAVE signature")
        }
        var offset = 12
        var fmt: [UInt8]?
        var fmtOffset = 0
        var data: (offset: Int, size: Int)?
        while offset + 8 <= file.size, data == nil || fmt == nil {
            let head = try file.bytes(offset: offset, count: 8, field: "chunk header")
            let size = Int(Self.u32(head, 4))
            let id = String(decoding: head[0..<4], as: UTF8.self)
            let body = offset + 8
            if id == "fmt " {
                guard size >= 16, size <= 4096 else {
                    throw FormatError.invalidField(file: path, offset: offset + 4, field: "fmt chunk size", value: "\(size)",
                                                   reason: "is not the size of a WAVE format chunk")
                }
                fmt = try file.bytes(offset: body, count: size, field: "fmt chunk")
                fmtOffset = body
            } else if id == "data" {
                data = (body, size)
            }
            offset = body + size + size % 2
        }
        guard let fmt else {
            throw FormatError.truncated(file: path, offset: min(offset, file.size), field: "fmt chunk",
                                        expectedBytes: 24, availableBytes: max(0, file.size - offset))
        }
        var tag = Int(Self.u16(fmt, 0))
        let channels = Int(Self.u16(fmt, 2))
        let rate = Int(Self.u32(fmt, 4))
        let blockAlign = Int(Self.u16(fmt, 12))
        let bits = Int(Self.u16(fmt, 14))
        if tag == Self.extensible {
            guard fmt.count >= 40 else {
                throw FormatError.truncated(file: path, offset: fmtOffset, field: "WAVE_FORMAT_EXTENSIBLE fmt chunk",
                                            expectedBytes: 40, availableBytes: fmt.count)
            }
            tag = Int(Self.u16(fmt, 24))  // The first two bytes of the sub-format GUID are the codec.
        }
        guard tag == Self.pcm || tag == Self.ieeeFloat else {
            throw FormatError.unsupported(file: path, offset: fmtOffset,
                                          feature: "WAVE codec 0x\(String(tag, radix: 16)); only PCM and 32-bit float are read")
        }
        guard channels > 0 else {
            throw FormatError.invalidField(file: path, offset: fmtOffset + 2, field: "channels", value: "0",
                                           reason: "a WAVE file needs at least one channel")
        }
        guard rate > 0 else {
            throw FormatError.invalidField(file: path, offset: fmtOffset + 4, field: "sample rate", value: "\(rate)",
                                           reason: "is not a positive rate")
        }
        let validBits = tag == Self.ieeeFloat ? [32] : [8, 16, 24, 32]
        guard validBits.contains(bits) else {
            throw FormatError.unsupported(file: path, offset: fmtOffset + 14,
                                          feature: "\(bits)-bit \(tag == Self.ieeeFloat ? "float" : "PCM") samples")
        }
        bytesPerSample = bits / 8
        guard blockAlign == channels * bytesPerSample else {
            throw FormatError.inconsistent(file: path, offset: fmtOffset + 12, field: "block align",
                                           reason: "\(blockAlign) bytes a frame, but \(channels) channels of \(bits) bits need \(channels * bytesPerSample)")
        }
        guard let data else {
            throw FormatError.truncated(file: path, offset: min(offset, file.size), field: "data chunk",
                                        expectedBytes: 8, availableBytes: max(0, file.size - offset))
        }
        guard data.size <= file.size - data.offset else {
            throw FormatError.truncated(file: path, offset: data.offset, field: "data chunk", expectedBytes: data.size,
                                        availableBytes: file.size - data.offset)
        }
        dataOffset = data.offset
        channelCount = channels
        isFloat = tag == Self.ieeeFloat
        frameCount = data.size / blockAlign
        // One second, and at most 1 MB of raw samples a chunk.
        framesPerChunk = max(1, min(rate, (1 << 20) / blockAlign))
        var warnings: [String] = []
        if data.size % blockAlign != 0 {
            warnings.append("\(path): the data chunk ends with \(data.size % blockAlign) bytes of an incomplete frame, ignored")
        }
        let infos = (0..<channels).map { c in
            ChannelInfo(label: channels == 1 ? "Audio" : "Audio \(c + 1)", kind: .audio, unit: "FS",
                        sampleRate: Double(rate), sampleCount: data.size / blockAlign, physicalRange: -1...1)
        }
        header = RecordingHeader(format: .wav, start: nil, channels: infos, warnings: warnings)
    }

    public func rewind() throws { nextFrame = 0 }

    /// The next second of samples (at most 1 MB of file), de-interleaved and scaled to -1...1.
    /// Complexity: O(samples in the chunk), one read.
    public func nextChunk() throws -> RecordingChunk? {
        guard nextFrame < frameCount else { return nil }
        let frames = min(framesPerChunk, frameCount - nextFrame)
        let frameBytes = channelCount * bytesPerSample
        try file.read(into: &raw, offset: dataOffset + nextFrame * frameBytes, count: frames * frameBytes, field: "data chunk")
        var out = [[Float]](repeating: [], count: channelCount)
        let width = bytesPerSample, channels = channelCount, float = isFloat
        raw.withUnsafeBufferPointer { b in
            for c in 0..<channels {
                out[c] = [Float](unsafeUninitializedCapacity: frames) { o, n in
                    var p = c * width
                    for i in 0..<frames {
                        o[i] = Self.sample(b, at: p, width: width, float: float)
                        p += frameBytes
                    }
                    n = frames
                }
            }
        }
        let onset = Double(nextFrame) / header.channels[0].sampleRate
        let first = Array(repeating: nextFrame, count: channelCount)
        nextFrame += frames
        return RecordingChunk(onset: onset, firstSample: first, samples: out)
    }

    @inline(__always)
    private static func sample(_ b: UnsafeBufferPointer<UInt8>, at p: Int, width: Int, float: Bool) -> Float {
        switch width {
        case 1: return (Float(b[p]) - 128) / 128
        case 2: return Float(Int16(bitPattern: UInt16(b[p]) | UInt16(b[p + 1]) << 8)) / 32768
        case 3:
            let v = Int32(bitPattern: UInt32(b[p]) << 8 | UInt32(b[p + 1]) << 16 | UInt32(b[p + 2]) << 24) >> 8
            return Float(v) / 8_388_608
        default:
            let bits = UInt32(b[p]) | UInt32(b[p + 1]) << 8 | UInt32(b[p + 2]) << 16 | UInt32(b[p + 3]) << 24
            return float ? Float(bitPattern: bits) : Float(Double(Int32(bitPattern: bits)) / 2_147_483_648)
        }
    }

    public func annotations() throws -> [Annotation] { [] }

    private static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}

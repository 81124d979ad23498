/// A WFDB signal file format: how samples are packed into bytes.
///
/// Samples of all signals in one file are interleaved frame by frame into one stream; the
/// packed formats (212, 310, 311) pack consecutive samples of that stream into groups of bytes.
struct WFDBSampleFormat: Sendable, Equatable {
    let code: Int
    /// Samples in one packing group and the bytes the group takes.
    let groupSamples: Int
    let groupBytes: Int
    /// The sample value WFDB writes for "no sample here".
    let invalidValue: Int32
    /// The ADC resolution implied by the format, in bits.
    let bits: Int

    /// Returns the format for a header's format code, or `nil` when Myotrace does not read it.
    /// (Format 8, first differences, and format 0, null signals, are not supported.)
    init?(code: Int) {
        switch code {
        case 16, 61, 160: self.init(code, 1, 2, -32768, 16)
        case 80: self.init(code, 1, 1, -128, 8)
        case 24: self.init(code, 1, 3, -(1 << 23), 24)
        case 32: self.init(code, 1, 4, Int32.min, 32)
        case 212: self.init(code, 2, 3, -2048, 12)
        case 310, 311: self.init(code, 3, 4, -512, 10)
        default: return nil
        }
    }

    private init(_ code: Int, _ groupSamples: Int, _ groupBytes: Int, _ invalid: Int32, _ bits: Int) {
        self.code = code
        self.groupSamples = groupSamples
        self.groupBytes = groupBytes
        self.invalidValue = invalid
        self.bits = bits
    }

    /// The bytes that hold the first `samples` samples of a stream (the last group may be partial).
    /// Returns `nil` on overflow.
    func bytes(forSamples samples: Int) -> Int? {
        let (groups, rem) = samples.quotientAndRemainder(dividingBy: groupSamples)
        let (full, overflow) = groups.multipliedReportingOverflow(by: groupBytes)
        if overflow { return nil }
        let partial: Int
        switch (code, rem) {
        case (_, 0): partial = 0
        case (212, _): partial = 2
        case (310, 1), (311, 1): partial = 2
        case (310, _): partial = 4
        default: partial = 3
        }
        return full.addingReportingOverflow(partial).overflow ? nil : full + partial
    }

    /// The number of whole samples that `byteCount` bytes hold.
    func samples(inBytes byteCount: Int) -> Int {
        let (groups, rem) = byteCount.quotientAndRemainder(dividingBy: groupBytes)
        var extra = 0
        while extra + 1 < groupSamples, let need = bytes(forSamples: extra + 1), need <= rem { extra += 1 }
        return groups * groupSamples + extra
    }

    /// Decodes `count` samples from `bytes`, which starts at a group boundary, into `out`.
    /// `bytes` must hold at least `bytes(forSamples: count)` bytes.
    /// Complexity: O(count), no allocation.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>, count: Int, into out: UnsafeMutableBufferPointer<Int32>) {
        func u(_ i: Int) -> Int32 { i < bytes.count ? Int32(bytes[i]) : 0 }
        switch code {
        case 16:
            for i in 0..<count { out[i] = Int32(Int16(bitPattern: UInt16(bytes[2 * i]) | UInt16(bytes[2 * i + 1]) << 8)) }
        case 61:
            for i in 0..<count { out[i] = Int32(Int16(bitPattern: UInt16(bytes[2 * i]) << 8 | UInt16(bytes[2 * i + 1]))) }
        case 160:
            for i in 0..<count { out[i] = Int32(UInt16(bytes[2 * i]) | UInt16(bytes[2 * i + 1]) << 8) - 32768 }
        case 80:
            for i in 0..<count { out[i] = Int32(bytes[i]) - 128 }
        case 24:
            for i in 0..<count {
                let v = u(3 * i) | u(3 * i + 1) << 8 | u(3 * i + 2) << 16
                out[i] = (v << 8) >> 8
            }
        case 32:
            for i in 0..<count {
                let v = UInt32(bytes[4 * i]) | UInt32(bytes[4 * i + 1]) << 8
                    | UInt32(bytes[4 * i + 2]) << 16 | UInt32(bytes[4 * i + 3]) << 24
                out[i] = Int32(bitPattern: v)
            }
        case 212:
            for i in 0..<count {
                let base = 3 * (i / 2)
                let v = i % 2 == 0 ? u(base) | (u(base + 1) & 0x0F) << 8 : u(base + 2) | (u(base + 1) & 0xF0) << 4
                out[i] = (v << 20) >> 20
            }
        case 310:
            for i in 0..<count {
                let base = 4 * (i / 3)
                let w0 = u(base) | u(base + 1) << 8, w1 = u(base + 2) | u(base + 3) << 8
                let v: Int32
                switch i % 3 {
                case 0: v = (w0 >> 1) & 0x3FF
                case 1: v = (w1 >> 1) & 0x3FF
                default: v = (w0 >> 11) & 0x1F | ((w1 >> 11) & 0x1F) << 5
                }
                out[i] = (v << 22) >> 22
            }
        default: // 311
            for i in 0..<count {
                let base = 4 * (i / 3)
                let word = UInt32(u(base)) | UInt32(u(base + 1)) << 8 | UInt32(u(base + 2)) << 16 | UInt32(u(base + 3)) << 24
                let v = Int32((word >> (10 * UInt32(i % 3))) & 0x3FF)
                out[i] = (v << 22) >> 22
            }
        }
    }
}

/// The sample decoding kernels of the EDF/BDF reader.
///
/// Data records interleave signals: record r holds signal 0's samples, then signal 1's, and so
/// on. Each kernel gathers one signal's samples from `records` consecutive records and scales
/// them as the EDF standard says, physical = gain * digital + offset in Double, rounded to
/// Float. The loops run on raw pointers with no allocation so the compiler can vectorise them.
enum EDFDecoding {
    /// Decodes one signal of `records` consecutive records of little-endian 16-bit samples.
    ///
    /// - Complexity: O(records x samplesPerRecord).
    @inline(__always)
    static func physical16(_ raw: UnsafeRawBufferPointer, records: Int, recordSize: Int, signalOffset: Int,
                           samplesPerRecord spr: Int, gain: Double, offset: Double,
                           into out: UnsafeMutableBufferPointer<Float>) {
        guard let base = raw.baseAddress, let dst = out.baseAddress else { return }
        for r in 0..<records {
            let src = base + (r * recordSize + signalOffset)
            let d = dst + r * spr
            for k in 0..<spr {
                let v = Int16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * k, as: Int16.self))
                d[k] = Float(gain * Double(v) + offset)
            }
        }
    }

    /// Decodes one signal of `records` consecutive records of little-endian 24-bit samples.
    ///
    /// - Complexity: O(records x samplesPerRecord).
    @inline(__always)
    static func physical24(_ raw: UnsafeRawBufferPointer, records: Int, recordSize: Int, signalOffset: Int,
                           samplesPerRecord spr: Int, gain: Double, offset: Double,
                           into out: UnsafeMutableBufferPointer<Float>) {
        guard let base = raw.baseAddress, let dst = out.baseAddress else { return }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        for r in 0..<records {
            let src = bytes + (r * recordSize + signalOffset)
            let d = dst + r * spr
            for k in 0..<spr {
                d[k] = Float(gain * Double(int24(src + 3 * k)) + offset)
            }
        }
    }

    /// Copies one signal's digital values of `records` consecutive records.
    ///
    /// - Complexity: O(records x samplesPerRecord).
    static func digital(_ raw: UnsafeRawBufferPointer, records: Int, recordSize: Int, signalOffset: Int,
                        samplesPerRecord spr: Int, bytesPerSample: Int, into out: UnsafeMutableBufferPointer<Int32>) {
        guard let base = raw.baseAddress, let dst = out.baseAddress else { return }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        for r in 0..<records {
            let src = bytes + (r * recordSize + signalOffset)
            let d = dst + r * spr
            if bytesPerSample == 3 {
                for k in 0..<spr { d[k] = int24(src + 3 * k) }
            } else {
                for k in 0..<spr {
                    d[k] = Int32(Int16(littleEndian: UnsafeRawPointer(src).loadUnaligned(fromByteOffset: 2 * k, as: Int16.self)))
                }
            }
        }
    }

    /// A little-endian 24-bit two's-complement value.
    @inline(__always)
    static func int24(_ p: UnsafePointer<UInt8>) -> Int32 {
        // Shifting the top byte in as signed sign-extends the value.
        Int32(p[0]) | Int32(p[1]) << 8 | Int32(Int8(bitPattern: p[2])) << 16
    }
}

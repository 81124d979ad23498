// libFuzzer entry for the EDF/BDF header parser and the TAL parser. Built by Fuzz/run.sh together
// with the EDF, Common and MyoSignal sources; any crash, hang or sanitizer report is a bug.

/// Feeds one input to `EDFHeader.parse` as a whole file, and to `TALParser.parse` both as a raw
/// annotation signal and, when the header parses, over each annotation signal of each record
/// present in the input. Always returns 0 (libFuzzer's "input processed").
@_cdecl("LLVMFuzzerTestOneInput")
public func edfFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? TALParser.parse(bytes[...], fileOffset: 0, path: "fuzz")
    guard let header = try? EDFHeader.parse(bytes, fileSize: bytes.count, path: "fuzz") else { return 0 }
    for record in 0..<header.recordCount {
        let start = header.recordOffset(record)
        guard start + header.recordSize <= bytes.count else { break }
        for i in header.annotationSignalIndices {
            let s = header.signals[i]
            let from = start + s.offsetInRecord
            let slice = bytes[from..<(from + s.samplesPerRecord * header.bytesPerSample)]
            if let tals = try? TALParser.parse(slice, fileOffset: from, path: "fuzz") {
                _ = TALParser.annotations(from: tals, origin: 0)
            }
        }
    }
    return 0
}

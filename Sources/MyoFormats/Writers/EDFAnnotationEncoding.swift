import Foundation
import MyoSignal

/// One annotation encoded as an EDF+ Time-stamped Annotation List (TAL), waiting for a record.
struct EncodedTAL {
    /// Seconds from the first sample; decides the record the TAL belongs in.
    let onset: Double
    /// "+onset[\x15duration]\x14text\x14\x00", UTF-8.
    let bytes: [UInt8]
    /// The order the annotation was given in, to keep equal onsets in that order.
    var sequence = 0
}

/// Encodes annotations as EDF+ TALs and sizes the annotation channel.
///
/// TAL onsets count from the header's start time, which has whole seconds only; a recording
/// that starts at a fraction of a second shifts every onset by that fraction (`subsecond`), as
/// the first time-keeping TAL tells readers.
enum EDFAnnotationEncoding {
    /// "+12.5", "-0.25", "+0": an EDF+ onset or duration with a sign and up to 7 decimals.
    static func timeText(_ seconds: Double, signed: Bool) -> String {
        var text = String(format: "%.7f", seconds)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        if text == "-0" { text = "0" }
        if signed && !text.hasPrefix("-") { text = "+" + text }
        return text
    }

    /// The empty TAL that opens every record and says when the record starts.
    static func timeKeepingTAL(recordOnset: Double) -> [UInt8] {
        Array(timeText(recordOnset, signed: true).utf8) + [0x14, 0x14, 0x00]
    }

    /// Encodes `annotation`, or returns `nil` with a reason when it cannot be written.
    ///
    /// The text keeps its UTF-8; the bytes EDF+ reserves as separators (0x00, 0x14, 0x15) become
    /// spaces. A channel is appended as "text@@channel", the convention MNE and EDFbrowser read.
    static func encode(_ annotation: Annotation, subsecond: Double, warnings: inout [String]) -> EncodedTAL? {
        guard annotation.onset.isFinite else {
            warnings.append("annotation \"\(printable(annotation.text))\" has no finite onset; left out")
            return nil
        }
        var bytes = Array(timeText(annotation.onset + subsecond, signed: true).utf8)
        if let duration = annotation.duration {
            if duration.isFinite && duration >= 0 {
                bytes.append(0x15)
                bytes.append(contentsOf: timeText(duration, signed: false).utf8)
            } else {
                warnings.append("annotation \"\(printable(annotation.text))\" at \(annotation.onset) s has duration \(duration); written without one")
            }
        }
        bytes.append(0x14)
        var text = annotation.text
        if let channel = annotation.channel, !channel.isEmpty { text += "@@" + channel }
        var cleaned = false
        for byte in text.utf8 {
            if byte == 0x00 || byte == 0x14 || byte == 0x15 { bytes.append(0x20); cleaned = true }
            else { bytes.append(byte) }
        }
        if cleaned { warnings.append("annotation \"\(printable(annotation.text))\" contained EDF+ separator bytes; written as spaces") }
        bytes.append(contentsOf: [0x14, 0x00])
        return EncodedTAL(onset: annotation.onset, bytes: bytes)
    }

    /// Bytes of the annotation channel per record, a multiple of `bytesPerSample`.
    ///
    /// Each TAL goes in the record holding its onset when the busiest record fits in
    /// `preferredLimit` bytes. Otherwise the channel gets the smallest size (at least the
    /// limit) with which every TAL still fits when TALs that do not fit move on to the next
    /// record, which EDF+ allows. TALs past the `expectedRecords`-th record count towards the
    /// last one. Complexity: O(TALs x log(busiest record bytes)).
    static func channelBytes(tals: [EncodedTAL], recordDuration: Double, expectedRecords: Int,
                             keepingBytes: Int, preferredLimit: Int, bytesPerSample: Int) -> Int {
        let records = max(1, expectedRecords)
        func record(of tal: EncodedTAL) -> Int {
            let index = (tal.onset / recordDuration).rounded(.down)
            if !(index >= 0) { return 0 }
            return index >= Double(records - 1) ? records - 1 : Int(index)
        }
        var perRecord = [Int](repeating: 0, count: records)
        var largest = 0
        for tal in tals {
            perRecord[record(of: tal)] += tal.bytes.count
            largest = max(largest, tal.bytes.count)
        }
        let busiest = keepingBytes + (perRecord.max() ?? 0)
        func roundUp(_ n: Int) -> Int { (n + bytesPerSample - 1) / bytesPerSample * bytesPerSample }
        let floor = keepingBytes + largest
        if busiest <= max(preferredLimit, floor) { return roundUp(busiest) }

        // `tals` is sorted by onset. This replays the queue as if TALs could be split at any
        // byte; the slack added below makes the writer's whole-TAL queue keep up with it.
        func fits(_ capacity: Int) -> Bool {
            var queued = 0
            var next = 0
            for r in 0..<records {
                while next < tals.count && record(of: tals[next]) <= r { queued += tals[next].bytes.count; next += 1 }
                queued -= min(queued, capacity - keepingBytes)
            }
            return queued == 0
        }
        var low = max(preferredLimit - largest, floor), high = busiest
        while low < high {
            let mid = low + (high - low) / 2
            if fits(mid) { high = mid } else { low = mid + 1 }
        }
        // With one largest TAL of slack, a record that stops taking whole TALs has taken at least
        // what the byte-split replay took, so the writer's queue never falls behind it.
        return roundUp(min(busiest, low + largest))
    }
}

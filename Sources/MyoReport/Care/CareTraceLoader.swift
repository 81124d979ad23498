import Foundation
import MyoFormats
import MyoStore

/// Finds a person's source recordings again and cuts short raw snippets around example events.
///
/// The store keeps each file's name and SHA-256, not its path, so the loader looks for the
/// name in the folders it is given and uses a file only when its content hash matches: a file
/// of the same name with other content (a later recording, an edited copy) is never drawn as
/// if it were the one analysed. Reading streams chunk by chunk and stops after the last window,
/// so a long file costs its hash and one partial pass, never its size in memory.
public enum CareTraceLoader {
    /// Seconds of signal shown before the onset and after the offset.
    public static let margin = 0.3
    /// The longest window cut, so a long event does not make a long trace.
    public static let maximumWindow = 2.0

    /// Traces for at most `limit` recordings (spread over time), one example event each.
    /// Complexity: O(bytes of the chosen files) for hashing, plus reading up to each window.
    public static func load(recordings: [RecordingOverview], examples: [Int64: EventMeasure], folders: [String],
                            limit: Int = 6) -> CareTraces {
        let candidates = recordings.filter { examples[$0.analysisID] != nil }
        guard !candidates.isEmpty else { return .unavailable(reason: "no stored events to show") }
        guard !folders.isEmpty else {
            return .unavailable(reason: "the store keeps events, not signals; give the folders that hold the source "
                                + "recordings (--sources DIR) to show raw traces around example events")
        }
        let picks = candidates.count <= limit ? Array(candidates.indices)
            : (0..<limit).map { $0 * (candidates.count - 1) / max(limit - 1, 1) }
        var traces: [CareTrace] = []
        var missing: [String] = []
        for i in picks {
            let r = candidates[i]
            guard let event = examples[r.analysisID] else { continue }
            do {
                guard let path = try locate(r, in: folders) else {
                    missing.append("\(r.fileName): not found with the same content in the given folders")
                    continue
                }
                if let trace = try cut(path: path, recording: r, event: event) { traces.append(trace) } else {
                    missing.append("\(r.fileName): the event's channel is not in the file")
                }
            } catch {
                missing.append("\(r.fileName): \(error)")
            }
        }
        if traces.isEmpty {
            return .unavailable(reason: "the source recordings were not found with the same content (" + missing.joined(separator: "; ") + ")")
        }
        return .found(traces, missing: missing)
    }

    /// The first file named like the recording whose SHA-256 matches, or `nil`.
    static func locate(_ r: RecordingOverview, in folders: [String]) throws -> String? {
        for folder in folders {
            let path = (folder as NSString).appendingPathComponent(r.fileName)
            guard FileManager.default.isReadableFile(atPath: path) else { continue }
            if try SHA256.fileDigest(path: path) == r.contentHash { return path }
        }
        return nil
    }

    /// Streams the file up to the end of the event's window and copies that window of the
    /// event's lead channel; `nil` when the channel is not in the file.
    static func cut(path: String, recording r: RecordingOverview, event: EventMeasure) throws -> CareTrace? {
        let reader = try RecordingFile.open(path)
        let lead = event.channels.split(separator: ";").first.map(String.init) ?? ""
        guard let index = reader.header.channelIndex(named: lead) ?? reader.header.channels.indices.first else { return nil }
        let channel = reader.header.channels[index]
        guard channel.sampleRate.isFinite, channel.sampleRate > 0, event.onset.isFinite, event.offset.isFinite else { return nil }
        let from = max(0, event.onset - margin)
        let to = min(max(event.offset + margin, event.onset + margin), from + maximumWindow)
        // Sample indices from seconds, clamped so a corrupt onset cannot overflow the conversion.
        let limit = Double(max(channel.sampleCount, 0))
        let first = Int(min(max(from * channel.sampleRate, 0), limit).rounded(.down))
        let last = Int(min(max(to * channel.sampleRate, 0), limit).rounded(.up))
        guard last > first else { return nil }
        var samples: [Float] = []
        samples.reserveCapacity(last - first)
        try reader.rewind()
        while let chunk = try reader.nextChunk() {
            guard index < chunk.samples.count, index < chunk.firstSample.count else { break }
            let start = chunk.firstSample[index], block = chunk.samples[index]
            let lo = max(first, start), hi = min(last, start + block.count)
            if lo < hi { samples.append(contentsOf: block[(lo - start)..<(hi - start)]) }
            if start + block.count >= last { break }
        }
        guard samples.count >= 2 else { return nil }
        return CareTrace(fileName: r.fileName, recordingStart: r.start, channel: channel.label, unit: channel.unit,
                         sampleRate: channel.sampleRate, windowStart: Double(first) / channel.sampleRate, samples: samples,
                         onset: event.onset, offset: event.offset, isPositive: event.isPositive)
    }
}

import MyoFormats
import MyoSignal

/// Picks example events for the report's gallery and cuts the raw signal and the detector's
/// envelope around each, in one extra pass over the file that keeps only those stretches.
///
/// Examples are spread over the recording and over intensities: events sorted by intensity,
/// then taken at evenly spaced ranks, so the gallery shows the weakest, typical and strongest.
/// Complexity: O(samples) for the pass, O(count · snippet length) memory.
enum SnippetCollector {
    /// Seconds shown before the onset and after the offset.
    static let margin = 0.25
    /// Seconds of signal before the shown stretch fed to the envelope so its filters settle.
    static let settle = 1.0

    static func collect(reader: any RecordingReader, header: RecordingHeader, events: [MyoclonicEvent], count: Int,
                        emg: EMGDetectorParameters, motion: MotionDetectorParameters,
                        motionGroups: [[Int]]) throws -> [EventSnippet] {
        guard count > 0, !events.isEmpty else { return [] }
        let byIntensity = events.indices.sorted { events[$0].intensity < events[$1].intensity }
        let picks: [Int] = count >= events.count
            ? Array(events.indices)
            : Array(Set((0..<count).map { byIntensity[$0 * (events.count - 1) / max(1, count - 1)] })).sorted()

        struct Want { var event: Int; var channels: [Int]; var from: Double; var to: Double; var buffers: [[Float]] }
        var wants: [Want] = picks.compactMap { i in
            guard let lead = events[i].leadChannel else { return nil }
            let group = motionGroups.first { $0.contains(lead.channelIndex) } ?? [lead.channelIndex]
            return Want(event: i, channels: group, from: max(0, events[i].onset - margin - settle),
                        to: events[i].offset + margin, buffers: group.map { _ in [] })
        }
        try reader.rewind()
        while let chunk = try reader.nextChunk() {
            for w in wants.indices {
                for (k, ch) in wants[w].channels.enumerated() {
                    let rate = header.channels[ch].sampleRate
                    let first = chunk.firstSample[ch]
                    let samples = chunk.samples[ch]
                    let a = max(first, Int((wants[w].from * rate).rounded(.down)))
                    let b = min(first + samples.count, Int((wants[w].to * rate).rounded(.up)))
                    if a < b { wants[w].buffers[k] += samples[(a - first)..<(b - first)] }
                }
            }
        }
        return wants.compactMap { w in
            let ch = w.channels[0]
            let c = header.channels[ch]
            guard let raw = w.buffers.first, !raw.isEmpty else { return nil }
            let envelope: [Float]
            if c.kind == .emg {
                envelope = EMGDetector.envelope(raw, sampleRate: c.sampleRate, parameters: emg)
            } else {
                envelope = MotionDetector.envelope(w.buffers, sampleRate: c.sampleRate, parameters: motion)
            }
            let start = Double(Int((w.from * c.sampleRate).rounded(.down))) / c.sampleRate
            let shownFrom = max(0, events[w.event].onset - margin)
            let skip = min(raw.count, max(0, Int(((shownFrom - start) * c.sampleRate).rounded())))
            let e = events[w.event]
            return EventSnippet(eventIndex: w.event, channel: c.label, unit: c.unit, sampleRate: c.sampleRate,
                                start: start + Double(skip) / c.sampleRate, raw: Array(raw[skip...]),
                                envelope: Array(envelope.dropFirst(skip)), onset: e.onset, offset: e.offset,
                                polarity: e.polarity)
        }
    }
}

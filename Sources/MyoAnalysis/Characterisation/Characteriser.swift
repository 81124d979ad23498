import MyoDetect
import MyoFormats
import MyoSignal

/// Runs the characterisations that fit a recording's channels over one streaming pass of the file.
///
/// It reads the recording again (reading is a small fraction of detection; see BENCHMARKS.md)
/// rather than asking the detectors to keep signals, so memory stays bounded by each analysis's
/// own window whatever the recording's length.
/// Complexity: O(samples of the channels analysed).
public enum Characteriser {
    /// Characterises the recording behind `reader`, given the events `analysis` found in it.
    /// - Throws: reading errors from `reader`; an analysis that cannot run on one channel (too
    ///   short, rate too low) becomes a warning, not an error, so the other parts still come out.
    public static func run(reader: any RecordingReader, analysis: AnalysisResult,
                           options: CharacterisationOptions = .init()) throws -> Characterisation {
        var header = reader.header
        for override in options.kindOverrides {
            if let index = header.channelIndex(named: override.channel) { header.channels[index].kind = override.kind }
        }
        let chosen = options.channels.map { names in names.compactMap { header.channelIndex(named: $0) } }
            ?? Array(header.channels.indices)
        var result = Characterisation()

        var clickDetectors: [(index: Int, detector: ClickDetector)] = []
        var hiccupDetectors: [(index: Int, detector: HiccupDetector)] = []
        for index in chosen {
            let channel = header.channels[index]
            do {
                switch channel.kind {
                case .audio:
                    clickDetectors.append((index, try ClickDetector(channel: channel.label, sampleRate: channel.sampleRate,
                                                                    parameters: options.clicks)))
                case .resp:
                    hiccupDetectors.append((index, try HiccupDetector(channel: channel.label, sampleRate: channel.sampleRate,
                                                                      parameters: options.hiccups)))
                default:
                    break
                }
            } catch {
                result.warnings.append("\(channel.label): \(error)")
            }
        }
        guard !clickDetectors.isEmpty || !hiccupDetectors.isEmpty else { return result }

        try reader.rewind()
        while let chunk = try reader.nextChunk() {
            for k in clickDetectors.indices { clickDetectors[k].detector.process(chunk.samples[clickDetectors[k].index]) }
            for k in hiccupDetectors.indices { hiccupDetectors[k].detector.process(chunk.samples[hiccupDetectors[k].index]) }
        }
        if !clickDetectors.isEmpty {
            var found: [ClickAnalysis] = []
            for k in clickDetectors.indices {
                do { found.append(try clickDetectors[k].detector.finish()) } catch { result.warnings.append("\(error)") }
            }
            result.clicks = found
        }
        if !hiccupDetectors.isEmpty {
            var found: [HiccupAnalysis] = []
            for k in hiccupDetectors.indices {
                do { found.append(try hiccupDetectors[k].detector.finish()) } catch { result.warnings.append("\(error)") }
            }
            result.hiccups = found
        }
        return result
    }
}

import MyoDetect

/// One EEG channel as the pass needs it: what the header (or an in-memory signal) says.
struct EEGChannelDescription: Sendable {
    var label: String
    var unit: String
    var sampleRate: Double
    var sampleCount: Int
}

/// The state of back-averaging over one read of a recording: for every EEG channel, a cutter
/// holding the windows to cut (epochs and long Bereitschaftspotential epochs, sorted by their
/// end, with the shuffled-trigger windows when that test is chosen) and the accumulators they
/// feed: the averages and the significance test of the transient.
///
/// Channels at the same rate and length share one request list (arrays are copy-on-write), so
/// memory is O(rates × triggers + channels × (epoch length + sets × search length)), and
/// O(rates × triggers × sets) with shuffled triggers.
struct BackAveragingPass {
    static let realEpoch: Int32 = 0, longEpoch: Int32 = 1, surrogateEpoch: Int32 = 2

    /// One channel's cutter and accumulators. A class, so that feeding a window to an
    /// accumulator mutates it in place (a struct in an array would be copied on every chunk).
    final class ChannelState {
        var cutter: EpochCutter
        var epochs: EpochAverage
        var longEpochs: EpochAverage
        /// The significance test's accumulator: one of the two, as the parameters choose.
        var signFlips: SignFlipAverages?
        var surrogates: SurrogateAverages?
        /// The search window's samples within an epoch.
        let search: Range<Int>
        let outside: Int

        init(cutter: EpochCutter, epochs: EpochAverage, longEpochs: EpochAverage, signFlips: SignFlipAverages?,
             surrogates: SurrogateAverages?, search: Range<Int>, outside: Int) {
            self.cutter = cutter
            self.epochs = epochs
            self.longEpochs = longEpochs
            self.signFlips = signFlips
            self.surrogates = surrogates
            self.search = search
            self.outside = outside
        }
    }

    let parameters: BackAverager.Parameters
    let channels: [EEGChannelDescription]
    private(set) var states: [ChannelState] = []
    private(set) var warnings: [String] = []

    init(channels: [EEGChannelDescription], triggers: [Double], parameters p: BackAverager.Parameters) {
        parameters = p
        self.channels = channels
        var shared: [String: (requests: [EpochRequest], outside: Int)] = [:]
        for c in channels {
            let scale: Double
            if let s = Self.microvoltScale(c.unit) { scale = s } else {
                scale = 1
                warnings.append("channel \"\(c.label)\": unit \"\(c.unit)\" is not a voltage; its values are taken as µV")
            }
            let rate = c.sampleRate
            func index(_ t: Double, from start: Double) -> Int { Int(((t - start) * rate).rounded()) }
            func range(_ w: ClosedRange<Double>, from start: Double) -> Range<Int> {
                index(w.lowerBound, from: start)..<(index(w.upperBound, from: start) + 1)
            }
            let length = index(p.epochWindow.upperBound, from: p.epochWindow.lowerBound) + 1
            let longLength = index(p.bereitschaftWindow.upperBound, from: p.bereitschaftWindow.lowerBound) + 1
            let epochs = EpochAverage(length: length, baseline: range(p.baselineWindow, from: p.epochWindow.lowerBound),
                                      scale: scale, rejectPeakToPeakUV: p.rejectPeakToPeakUV)
            let longEpochs = EpochAverage(length: longLength, baseline: range(p.bereitschaftBaseline, from: p.bereitschaftWindow.lowerBound),
                                          testRange: range(p.bereitschaftTestWindow, from: p.bereitschaftWindow.lowerBound),
                                          scale: scale, rejectPeakToPeakUV: p.rejectPeakToPeakUV)
            let search = range(p.searchWindow, from: p.epochWindow.lowerBound).clamped(to: 0..<length)
            let shuffled = p.significanceTest == .shuffledTriggers
            let signFlips = shuffled ? nil : SignFlipAverages(sets: p.surrogateCount, length: search.count, seed: p.surrogateSeed)
            let surrogateStart = min(p.baselineWindow.lowerBound, p.searchWindow.lowerBound)
            let surrogateEnd = max(p.baselineWindow.upperBound, p.searchWindow.upperBound)
            let surrogateLength = index(surrogateEnd, from: surrogateStart) + 1
            let surrogates = shuffled
                ? SurrogateAverages(sets: p.surrogateCount, length: surrogateLength, baseline: range(p.baselineWindow, from: surrogateStart),
                                    search: range(p.searchWindow, from: surrogateStart), scale: scale, rejectPeakToPeakUV: p.rejectPeakToPeakUV)
                : nil
            let key = "\(rate)/\(c.sampleCount)"
            if shared[key] == nil {
                shared[key] = Self.requests(triggers: triggers, rate: rate, sampleCount: c.sampleCount, parameters: p,
                                            lengths: (length, longLength, surrogateLength), surrogateStart: surrogateStart)
            }
            let entry = shared[key] ?? ([], 0)
            states.append(ChannelState(cutter: EpochCutter(requests: entry.requests), epochs: epochs, longEpochs: longEpochs,
                                       signFlips: signFlips, surrogates: surrogates, search: search, outside: entry.outside))
        }
    }

    /// The sorted windows for one rate: an epoch and a long epoch at each trigger that fits and,
    /// with the shuffled-trigger test, `surrogateCount` sets of as many uniformly drawn times
    /// (fixed seed) as epochs fit.
    private static func requests(triggers: [Double], rate: Double, sampleCount: Int, parameters p: BackAverager.Parameters,
                                 lengths: (Int, Int, Int), surrogateStart: Double) -> (requests: [EpochRequest], outside: Int) {
        var out: [EpochRequest] = []
        var outside = 0
        let limit = Double(sampleCount)
        func start(_ t: Double, _ offset: Double, _ length: Int) -> Int? {
            let x = ((t + offset) * rate).rounded()
            guard x.isFinite, x >= 0, x + Double(length) <= limit else { return nil }
            return Int(x)
        }
        for t in triggers {
            if let s = start(t, p.epochWindow.lowerBound, lengths.0) {
                out.append(EpochRequest(start: s, length: lengths.0, purpose: realEpoch, set: 0))
            } else {
                outside += 1
            }
            if let s = start(t, p.bereitschaftWindow.lowerBound, lengths.1) {
                out.append(EpochRequest(start: s, length: lengths.1, purpose: longEpoch, set: 0))
            }
        }
        let count = triggers.count - outside
        let first = -p.epochWindow.lowerBound, last = limit / rate - p.epochWindow.upperBound
        if p.significanceTest == .shuffledTriggers, count > 0, last > first {
            var random = SplitMix64(seed: p.surrogateSeed, stream: 1)
            out.reserveCapacity(out.count + p.surrogateCount * count)
            for set in 0..<p.surrogateCount {
                for _ in 0..<count {
                    let t = random.uniform(first...last)
                    if let s = start(t, surrogateStart, lengths.2) {
                        out.append(EpochRequest(start: s, length: lengths.2, purpose: surrogateEpoch, set: Int32(set)))
                    }
                }
            }
        }
        return (sortedByEnd(out), outside)
    }

    /// `requests` in order of their end, equal ends in their given order: the order of a stable
    /// comparison sort, by a least-significant-digit radix sort on the (non-negative) end, 11
    /// bits a pass. O(n × passes), where a comparison sort of the hundreds of thousands of
    /// shuffled-trigger windows cost as much as cutting them.
    static func sortedByEnd(_ requests: [EpochRequest]) -> [EpochRequest] {
        guard requests.count > 1 else { return requests }
        let bits = 11, radix = 1 << 11
        let largest = requests.reduce(0) { max($0, $1.end) }
        guard requests.allSatisfy({ $0.end >= 0 }) else { return requests.sorted { $0.end < $1.end } }
        var current = requests
        var next = requests
        var shift = 0
        while shift < Int.bitWidth && (largest >> shift) > 0 {
            var counts = [Int](repeating: 0, count: radix + 1)
            for r in current { counts[((r.end >> shift) & (radix - 1)) + 1] += 1 }
            for d in 0..<radix { counts[d + 1] += counts[d] }
            for r in current {
                let d = (r.end >> shift) & (radix - 1)
                next[counts[d]] = r
                counts[d] += 1
            }
            swap(&current, &next)
            shift += bits
        }
        return current
    }

    /// The factor from `unit` to µV, or `nil` when the unit is not a voltage.
    static func microvoltScale(_ unit: String) -> Double? {
        switch unit.trimmingCharacters(in: .whitespaces).lowercased() {
        case "uv", "µv", "μv", "microvolt", "microvolts": return 1
        case "mv": return 1e3
        case "v": return 1e6
        case "nv": return 1e-3
        default: return nil
        }
    }

    /// Whether every channel has all its windows.
    var isDone: Bool { states.allSatisfy(\.cutter.isDone) }

    /// Feeds the next samples of channel `i`, starting at its sample `first`.
    func feed(channel i: Int, _ samples: [Float], first: Int) {
        guard states.indices.contains(i) else { return }
        let state = states[i]
        state.cutter.feed(samples, first: first) { request, window in
            switch request.purpose {
            case Self.realEpoch:
                if let baseline = state.epochs.add(window) {
                    state.signFlips?.add(UnsafeBufferPointer(rebasing: window[state.search]), scale: Float(state.epochs.scale),
                                         baseline: Float(baseline))
                }
            case Self.longEpoch: _ = state.longEpochs.add(window)
            default: state.surrogates?.add(set: Int(request.set), window)
            }
        }
    }
}

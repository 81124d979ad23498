/// One window to cut from a channel: `length` samples from sample `start`, and what it is for.
struct EpochRequest: Sendable {
    var start: Int
    var length: Int
    /// The accumulator the window goes to (see ``BackAveragingPass``) and, for shuffled
    /// triggers, the set number.
    var purpose: Int32
    var set: Int32
    var end: Int { start + length }
}

/// Cuts windows out of one channel's stream of samples, chunk after chunk, keeping only the
/// samples a pending window still needs.
///
/// The requests are sorted by their end; a window is handed out as soon as its last sample has
/// arrived, so memory is one chunk plus the longest window, whatever the recording's length.
/// A window inside the current chunk is handed out of the chunk itself; only a window that
/// starts in an earlier chunk is assembled in a scratch buffer, and only the chunk's tail that
/// a pending window may still need is kept, so a whole in-memory signal fed as one chunk is
/// never copied. Feeding a whole signal as one chunk gives the same windows. Windows that start
/// before the first sample or end after the last are never handed out (callers only ask for
/// windows inside the recording). Complexity: O(total window samples + kept samples).
struct EpochCutter {
    private let requests: [EpochRequest]
    private let longest: Int
    private var next = 0
    /// Samples from `historyStart` up to the start of the next chunk.
    private var history: [Float] = []
    private var historyStart = 0
    private var scratch: [Float] = []

    /// `requests` must be sorted by `end`.
    init(requests: [EpochRequest]) {
        self.requests = requests
        longest = requests.map(\.length).max() ?? 0
    }

    /// Whether every window has been handed out.
    var isDone: Bool { next >= requests.count }

    /// Adds the samples starting at channel sample `first` and calls `handle` for every window
    /// now complete, in order of their end.
    mutating func feed(_ chunk: [Float], first: Int, handle: (EpochRequest, UnsafeBufferPointer<Float>) -> Void) {
        guard !isDone else { return }
        if first != historyStart + history.count {
            // A jump (never from a continuous reader): what was kept no longer joins up.
            history.removeAll(keepingCapacity: true)
            historyStart = first
        }
        let end = first + chunk.count
        chunk.withUnsafeBufferPointer { c in
            while next < requests.count, requests[next].end <= end {
                let r = requests[next]
                next += 1
                guard r.start >= historyStart, r.length > 0 else { continue }
                if r.start >= first {
                    handle(r, UnsafeBufferPointer(rebasing: c[(r.start - first)..<(r.end - first)]))
                } else {
                    scratch.removeAll(keepingCapacity: true)
                    scratch.append(contentsOf: history[(r.start - historyStart)...])
                    scratch.append(contentsOf: c[0..<max(0, r.end - first)])
                    scratch.withUnsafeBufferPointer { handle(r, UnsafeBufferPointer(rebasing: $0[0..<r.length])) }
                }
            }
        }
        // Every remaining window ends at or after the next one's end, so none starts before
        // that end minus the longest window.
        let keepFrom = next < requests.count ? min(end, max(historyStart, requests[next].end - longest)) : end
        if keepFrom >= first {
            history.removeAll(keepingCapacity: true)
            history.append(contentsOf: chunk[(keepFrom - first)...])
        } else {
            history.removeFirst(keepFrom - historyStart)
            history.append(contentsOf: chunk)
        }
        historyStart = keepFrom
    }
}

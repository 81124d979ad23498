import MyoDetect

extension BackAverager {
    /// The settings of jerk-locked back-averaging. Every default is a published value or a
    /// stated engineering choice; ``described`` lists them with their sources for the report.
    ///
    /// Times are seconds relative to the trigger (the jerk's EMG onset): negative before it.
    public struct Parameters: Sendable, Codable, Equatable {
        /// The epoch of the BacAv back-averaging tool, -1.0 to +0.2 s (docs/sources.md).
        public static let bacAvWindow: ClosedRange<Double> = -1.0...0.2
        /// The epoch of MNE-based back-averaging, -0.3 to +0.3 s (docs/sources.md).
        public static let mneWindow: ClosedRange<Double> = -0.3...0.3

        /// The epoch cut around each trigger for the transient search and the plot (BacAv's by default).
        public var epochWindow: ClosedRange<Double> = Parameters.bacAvWindow
        /// The pre-trigger stretch whose mean is subtracted from each epoch: the 100 ms just
        /// before the search window, inside both published epochs, near enough to the search
        /// window that slow EEG drift cancels (engineering).
        public var baselineWindow: ClosedRange<Double> = -0.2 ... -0.1
        /// Where the pre-jerk transient is looked for: the 100 ms before the EMG onset, five
        /// times the ~20 ms lead of the cortical spike (Shibasaki 1992; the width is engineering).
        public var searchWindow: ClosedRange<Double> = -0.1...0.0
        /// A trigger counts only when no other trigger came in the `lockOutSeconds` before it,
        /// so the previous jerk's EEG does not leak into the pre-jerk window. docs/sources.md: open
        /// tools use a lock-out of 0.3 to 0.4 s; 0.35 s is the middle.
        public var lockOutSeconds = 0.35
        /// Epochs whose peak-to-peak amplitude exceeds this (µV) on a channel are rejected on
        /// that channel as artefact: the EEG rejection criterion of the MNE-Python tutorials
        /// (`reject=dict(eeg=150e-6)`, 150 µV).
        public var rejectPeakToPeakUV = 150.0
        /// Fewer accepted epochs give the status "too few epochs" instead of a finding:
        /// docs/sources.md, back-averaging typically uses 50 to 200 jerks.
        public var minimumEpochs = 50
        /// How the significance of the transient is tested (see ``SignificanceTest``).
        public var significanceTest: SignificanceTest = .signFlip
        /// Randomisation sets of that test: 200 gives p-values in steps of 1/201, fine enough
        /// for a 0.05 level (engineering).
        public var surrogateCount = 200
        /// Seed of the random signs or shuffled triggers, so the same recording always gives
        /// the same p-value.
        public var surrogateSeed: UInt64 = 1
        /// The level below which the transient (and the Bereitschaftspotential) counts as
        /// significant: the conventional 0.05.
        public var significanceLevel = 0.05
        /// The correlation between the odd and the even epochs' averages in the search window
        /// that a transient must reach to be reported as found: the split-half reproducibility
        /// check of docs/sources.md; 0.5 (a correlation at least "moderate") is an engineering choice.
        public var minimumSplitHalfR = 0.5
        /// The longer epoch of the Bereitschaftspotential check, -2.0 to +0.2 s: the
        /// Bereitschaftspotential starts 0.7 to 2.1 s before functional jerks (Terada 1995; Pal 2011).
        public var bereitschaftWindow: ClosedRange<Double> = -2.0...0.2
        /// Its baseline, the first 0.5 s of that epoch (engineering: a potential that starts
        /// earlier than 1.5 s before the jerk is partly inside it and is underestimated).
        public var bereitschaftBaseline: ClosedRange<Double> = -2.0 ... -1.5
        /// The late pre-jerk stretch compared with the baseline, epoch by epoch (engineering:
        /// where the Bereitschaftspotential is largest, ending at the jerk).
        public var bereitschaftTestWindow: ClosedRange<Double> = -0.5...0.0
        /// The published onset range of the Bereitschaftspotential before functional jerks,
        /// seconds before the jerk (0.7 to 2.1 s: Terada 1995; Pal 2011).
        public var bereitschaftPublishedOnsetS: ClosedRange<Double> = 0.7...2.1

        public init() {}

        /// The randomisation test of the pre-jerk transient. Both give exact permutation
        /// p-values, (1 + #{random ≥ observed}) / (1 + sets).
        public enum SignificanceTest: String, Sendable, Codable, CaseIterable {
            /// The accepted epochs averaged again with random signs (``SignFlipAverages``): is the
            /// jerk-locked average different from zero? Needs only the epochs already cut.
            case signFlip = "sign-flip"
            /// Averages of as many epochs at uniformly drawn times: is the EEG before the jerks
            /// different from the EEG anywhere? Cuts `surrogateCount` times as many windows, so
            /// it costs about that many times more.
            case shuffledTriggers = "shuffled-triggers"
        }

        /// The parameters with their values, units and sources, for the report's parameter table.
        public var described: [(name: String, value: String, unit: String, source: String)] {
            func window(_ w: ClosedRange<Double>) -> String { "\(w.lowerBound) to \(w.upperBound)" }
            return [
                ("backAveraging.epochWindow", window(epochWindow), "s", "docs/sources.md: BacAv -1.0 to +0.2 s (MNE-based -0.3 to +0.3 s)"),
                ("backAveraging.baselineWindow", window(baselineWindow), "s", "engineering: the 100 ms before the search window"),
                ("backAveraging.searchWindow", window(searchWindow), "s", "docs/sources.md: the spike leads the EMG by about 20 ms (Shibasaki 1992); width engineering"),
                ("backAveraging.lockOut", "\(lockOutSeconds)", "s", "docs/sources.md: lock-out of 0.3 to 0.4 s between triggers"),
                ("backAveraging.rejectPeakToPeak", "\(rejectPeakToPeakUV)", "µV", "MNE-Python tutorials: reject EEG epochs over 150 µV peak to peak"),
                ("backAveraging.minimumEpochs", "\(minimumEpochs)", "epochs", "docs/sources.md: typically 50 to 200 jerks"),
                ("backAveraging.significanceTest", significanceTest.rawValue, "",
                 significanceTest == .signFlip ? "sign-flip permutation test of the epochs (Nichols & Holmes 2002; MNE-Python permutation_t_test)"
                     : "averages at shuffled trigger times"),
                ("backAveraging.surrogates", "\(surrogateCount) (seed \(surrogateSeed))", "sets", "engineering: p in steps of 1/(n+1) (Phipson & Smyth 2010)"),
                ("backAveraging.significanceLevel", "\(significanceLevel)", "", "convention"),
                ("backAveraging.minimumSplitHalfR", "\(minimumSplitHalfR)", "", "docs/sources.md: split-half reproducibility check; threshold engineering"),
                ("bereitschaft.window", window(bereitschaftWindow), "s", "Terada 1995; Pal 2011: onset 0.7 to 2.1 s before the jerk"),
                ("bereitschaft.baseline", window(bereitschaftBaseline), "s", "engineering: the first 0.5 s of the epoch"),
                ("bereitschaft.testWindow", window(bereitschaftTestWindow), "s", "engineering: the last 0.5 s before the jerk"),
            ]
        }

        /// Checks that the windows nest and the numbers are usable.
        /// - Throws: ``BackAveragingError/invalidParameter(name:value:reason:)``.
        public func validate() throws(BackAveragingError) {
            func finite(_ w: ClosedRange<Double>) -> Bool { w.lowerBound.isFinite && w.upperBound.isFinite }
            func inside(_ name: String, _ w: ClosedRange<Double>, _ outer: ClosedRange<Double>, _ outerName: String) throws(BackAveragingError) {
                guard finite(w), w.upperBound > w.lowerBound, outer.contains(w.lowerBound), outer.contains(w.upperBound) else {
                    throw .invalidParameter(name: name, value: "\(w)", reason: "must be a non-empty window inside \(outerName) \(outer)")
                }
            }
            guard finite(epochWindow), epochWindow.upperBound - epochWindow.lowerBound > 0,
                  epochWindow.upperBound - epochWindow.lowerBound <= 10 else {
                throw .invalidParameter(name: "epochWindow", value: "\(epochWindow)", reason: "must be a window of at most 10 s")
            }
            try inside("baselineWindow", baselineWindow, epochWindow, "epochWindow")
            try inside("searchWindow", searchWindow, epochWindow, "epochWindow")
            guard finite(bereitschaftWindow), bereitschaftWindow.upperBound - bereitschaftWindow.lowerBound > 0,
                  bereitschaftWindow.upperBound - bereitschaftWindow.lowerBound <= 10 else {
                throw .invalidParameter(name: "bereitschaftWindow", value: "\(bereitschaftWindow)", reason: "must be a window of at most 10 s")
            }
            try inside("bereitschaftBaseline", bereitschaftBaseline, bereitschaftWindow, "bereitschaftWindow")
            try inside("bereitschaftTestWindow", bereitschaftTestWindow, bereitschaftWindow, "bereitschaftWindow")
            guard lockOutSeconds.isFinite, (0...10).contains(lockOutSeconds) else {
                throw .invalidParameter(name: "lockOutSeconds", value: "\(lockOutSeconds)", reason: "must be 0 to 10 s")
            }
            guard rejectPeakToPeakUV.isFinite, rejectPeakToPeakUV > 0 else {
                throw .invalidParameter(name: "rejectPeakToPeakUV", value: "\(rejectPeakToPeakUV)", reason: "must be more than 0 µV")
            }
            guard (2...100_000).contains(minimumEpochs) else {
                throw .invalidParameter(name: "minimumEpochs", value: "\(minimumEpochs)", reason: "must be 2 to 100000")
            }
            guard (19...10_000).contains(surrogateCount) else {
                throw .invalidParameter(name: "surrogateCount", value: "\(surrogateCount)", reason: "must be 19 to 10000 (fewer cannot reach p < 0.05)")
            }
            guard significanceLevel > 0, significanceLevel < 1 else {
                throw .invalidParameter(name: "significanceLevel", value: "\(significanceLevel)", reason: "must lie strictly between 0 and 1")
            }
            guard minimumSplitHalfR.isFinite, (-1...1).contains(minimumSplitHalfR) else {
                throw .invalidParameter(name: "minimumSplitHalfR", value: "\(minimumSplitHalfR)", reason: "must be -1 to 1")
            }
        }
    }
}

import Foundation

extension CoherenceAnalyzer {
    /// The settings of EEG-EMG coherence; ``described`` lists them with their sources.
    public struct Parameters: Sendable, Codable, Equatable {
        /// Segment length, s: the power of two of samples nearest to it at the analysis rate is
        /// used (256 at 250 Hz, the analysis rate of 500 Hz and 1 kHz recordings; 256 at 256 Hz),
        /// giving about 1 Hz resolution (engineering, as the corticomuscular coherence
        /// literature commonly uses).
        public var segmentSeconds = 1.0
        /// The band where coherence is raised in cortical myoclonus, Hz (Caviness 2003).
        public var bandHz: ClosedRange<Double> = 12...30
        /// The confidence level of the limit 1 − (1 − level)^(1/(L − 1)) for L disjoint
        /// segments (Halliday et al. 1995); segments do not overlap so that formula holds.
        public var confidenceLevel = 0.95
        /// The EMG is high-passed here before rectification, Hz: removes movement artefact and
        /// baseline wander below the surface EMG band (engineering).
        public var emgHighPassHz = 20.0
        /// Fewer segments give the status "too few segments" and no claim (engineering: with 30
        /// segments the 95 % limit is already about 0.10).
        public var minimumSegments = 30
        /// The spectrum kept for the report stops here, Hz (engineering: well past the 12-30 Hz band).
        public var spectrumMaxHz = 100.0

        public init() {}

        /// The parameters with their values, units and sources, for the report's parameter table.
        public var described: [(name: String, value: String, unit: String, source: String)] {
            [
                ("coherence.segment", "\(segmentSeconds) (nearest power of two of samples)", "s", "engineering: about 1 Hz resolution"),
                ("coherence.band", "\(bandHz.lowerBound) to \(bandHz.upperBound)", "Hz", "Caviness 2003: raised 12-30 Hz coherence in cortical myoclonus"),
                ("coherence.confidenceLevel", "\(confidenceLevel)", "", "Halliday et al. 1995: limit 1 − (1 − α)^(1/(L − 1))"),
                ("coherence.emgHighPass", "\(emgHighPassHz)", "Hz", "engineering: before full-wave rectification"),
                ("coherence.minimumSegments", "\(minimumSegments)", "segments", "engineering"),
                ("coherence.analysisRate", "halved while at least \(minimumAnalysisRate)", "Hz",
                 "engineering: 2.5 × the highest frequency reported; the same half-band filters on EEG and EMG cancel from coherence"),
            ]
        }

        /// Checks that the numbers are usable.
        /// - Throws: ``BackAveragingError/invalidParameter(name:value:reason:)``.
        public func validate() throws(BackAveragingError) {
            guard segmentSeconds.isFinite, (0.05...60).contains(segmentSeconds) else {
                throw .invalidParameter(name: "coherence.segmentSeconds", value: "\(segmentSeconds)", reason: "must be 0.05 to 60 s")
            }
            guard bandHz.lowerBound.isFinite, bandHz.upperBound.isFinite, bandHz.lowerBound >= 0, bandHz.upperBound > bandHz.lowerBound else {
                throw .invalidParameter(name: "coherence.bandHz", value: "\(bandHz)", reason: "must be a non-empty band of non-negative frequencies")
            }
            guard confidenceLevel > 0, confidenceLevel < 1 else {
                throw .invalidParameter(name: "coherence.confidenceLevel", value: "\(confidenceLevel)", reason: "must lie strictly between 0 and 1")
            }
            guard emgHighPassHz.isFinite, emgHighPassHz >= 0 else {
                throw .invalidParameter(name: "coherence.emgHighPassHz", value: "\(emgHighPassHz)", reason: "must be 0 (off) or more")
            }
            guard (2...1_000_000).contains(minimumSegments) else {
                throw .invalidParameter(name: "coherence.minimumSegments", value: "\(minimumSegments)", reason: "must be 2 or more")
            }
            guard spectrumMaxHz.isFinite, spectrumMaxHz > 0 else {
                throw .invalidParameter(name: "coherence.spectrumMaxHz", value: "\(spectrumMaxHz)", reason: "must be more than 0 Hz")
            }
        }

        /// The lowest rate the EEG and EMG envelope are decimated to before Welch: 2.5 times the
        /// highest frequency reported (the kept spectrum or the band), so halving stops at
        /// 250 Hz for the defaults and the half-band filters leave everything reported below
        /// 0.2 × their input rate.
        var minimumAnalysisRate: Double { 2.5 * max(spectrumMaxHz, bandHz.upperBound) }

        /// The segment length in samples at `rate`: the power of two nearest `segmentSeconds × rate`.
        func segmentSamples(rate: Double) -> Int {
            let target = max(2, segmentSeconds * rate)
            let exponent = Int(log2(target).rounded())
            return 1 << min(max(exponent, 1), 24)
        }

        /// The confidence limit for `segments` disjoint segments (nil below two), with the error
        /// level shared among `comparisons` frequencies (Bonferroni).
        func limit(segments: Int, comparisons: Int = 1) -> Double? {
            segments >= 2 ? 1 - pow((1 - confidenceLevel) / Double(max(1, comparisons)), 1 / Double(segments - 1)) : nil
        }
    }
}

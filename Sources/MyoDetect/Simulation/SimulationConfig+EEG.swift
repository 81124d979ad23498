import Foundation

extension SimulationConfig {
    /// Scalp EEG channels recorded with the EMG, in µV, for checking jerk-locked back-averaging
    /// and EEG-EMG coherence against a known truth. Off by default.
    ///
    /// Model (per channel c, sample k): `x[k] = clamp(b[k], ±5σ) + g_c · Σ transient(t - tᵢ)
    /// + h_c · Σ bp(t - tᵢ)`, where `tᵢ` are the onsets of the positive events (jerks) in the
    /// first muscle of the chain. The background `b` is Gaussian: 1/f ("pink") noise of
    /// `backgroundUV` RMS plus an alpha rhythm of `alphaUV` RMS around `alphaHz`.
    ///
    /// The pink part is white noise through a bank of first-order low-passes with corners an
    /// octave apart from 0.5 Hz to a quarter of the sample rate (equal weights give a power
    /// density falling as 1/f between the corners); the alpha part is white noise through a
    /// two-pole resonator 1.5 Hz wide. Both are scaled to their RMS by their measured noise gain.
    public struct EEGSetup: Sendable, Codable, Equatable {
        /// Whether the recording has EEG channels at all.
        public var enabled = false
        /// Hz, a whole number from 250 to 1000 (clinical EEG amplifiers record at 256-1024 Hz).
        public var sampleRate: Double = 500
        /// The channels, in order after the EMG and motion channels. The default puts the
        /// cortical transient over the hemisphere opposite the default right-hand muscles (C3),
        /// half of it at the vertex (Cz) and none over the same side (C4), so one recording holds
        /// channels with and without a transient.
        public var channels: [EEGChannel] = [EEGChannel(label: "EEG C3", transientGain: 1),
                                             EEGChannel(label: "EEG Cz", transientGain: 0.5),
                                             EEGChannel(label: "EEG C4", transientGain: 0)]
        /// RMS of the 1/f background, µV. A test setting, not a clinical figure.
        public var backgroundUV: Double = 15
        /// RMS of the alpha rhythm, µV. The adult alpha rhythm is 8-13 Hz and mostly below
        /// 50 µV (IFCN glossary, Kane et al. 2017); 10 µV RMS is about 28 µV peak to peak.
        public var alphaUV: Double = 10
        /// Centre of the alpha rhythm, Hz (8-13 Hz, IFCN glossary, Kane et al. 2017).
        public var alphaHz: Double = 10
        public var transient = CorticalTransient()
        public var bereitschaft = Bereitschaftspotential()
        public init() {}
    }

    /// One simulated EEG channel.
    public struct EEGChannel: Sendable, Codable, Equatable {
        /// The label; "EEG " keeps Myotrace's kind inference (and EDF+ practice) right.
        public var label: String
        /// How much of the cortical transient this electrode sees (0 = none, 1 = all).
        public var transientGain: Double = 1
        /// How much of the Bereitschaftspotential this electrode sees.
        public var bereitschaftGain: Double = 1

        public init(label: String, transientGain: Double = 1, bereitschaftGain: Double = 1) {
            self.label = label
            self.transientGain = transientGain
            self.bereitschaftGain = bereitschaftGain
        }

        /// Only `label` is required in JSON; the gains default to 1.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            label = try c.decode(String.self, forKey: .label)
            transientGain = try c.decodeIfPresent(Double.self, forKey: .transientGain) ?? 1
            bereitschaftGain = try c.decodeIfPresent(Double.self, forKey: .bereitschaftGain) ?? 1
        }
    }

    /// The cortical correlate of a cortical myoclonic jerk: a positive-negative spike whose
    /// positive peak comes `latencyMs` before the EMG onset (negative = before).
    ///
    /// In cortical myoclonus the back-averaged spike peaks about 20 ms before the EMG onset
    /// (Shibasaki 1992, docs/sources.md), hence the default of -20 ms. Shape: a
    /// Gaussian of `amplitudeUV` peak and `widthMs` standard deviation, then a negative Gaussian
    /// of half that peak 3 widths later (the spike's two phases). The truth of a simulation is
    /// `latencyMs` (the positive peak) and `amplitudeUV`.
    public struct CorticalTransient: Sendable, Codable, Equatable {
        /// Peak of the positive phase, µV; 0 means no transient. A test setting, not a clinical figure.
        public var amplitudeUV: Double = 10
        /// Time of the positive peak relative to the jerk's EMG onset, ms (Shibasaki 1992).
        public var latencyMs: Double = -20
        /// Standard deviation of each phase, ms. A modelling choice.
        public var widthMs: Double = 4
        public init() {}
    }

    /// A Bereitschaftspotential: a slow negativity that starts `onsetS` before each jerk and
    /// reaches `-amplitudeUV` at the EMG onset, then returns to zero over 0.3 s.
    ///
    /// Functional (psychogenic) jerks are preceded by a Bereitschaftspotential starting 0.7 to
    /// 2.1 s before them (Terada 1995; Pal 2011; docs/sources.md); the default onset
    /// lies inside that range. Off by default. The ramp is linear, the simplest slow negativity.
    public struct Bereitschaftspotential: Sendable, Codable, Equatable {
        public var enabled = false
        /// Seconds before the jerk at which the negativity starts (0.7-2.1 s: Terada 1995; Pal 2011).
        public var onsetS: Double = 1.2
        /// Size of the negativity at the jerk, µV. A test setting, not a clinical figure.
        public var amplitudeUV: Double = 10
        public init() {}
    }

    /// Checks the EEG settings (called by ``validate()``).
    /// - Throws: ``SimulationError/invalidParameter(parameter:value:reason:)`` naming the key path.
    /// Complexity: O(number of EEG channels).
    func validateEEG() throws(SimulationError) {
        func check(_ key: String, _ value: Double, _ ok: Bool, _ reason: String) throws(SimulationError) {
            guard value.isFinite, ok else { throw .invalidParameter(parameter: key, value: "\(value)", reason: reason) }
        }
        let e = eeg
        try check("eeg.sampleRate", e.sampleRate, e.sampleRate >= 250 && e.sampleRate <= 1000 && e.sampleRate == e.sampleRate.rounded(),
                  "must be a whole number of Hz from 250 to 1000")
        guard e.channels.count <= 64, !e.enabled || !e.channels.isEmpty else {
            throw .invalidParameter(parameter: "eeg.channels", value: "\(e.channels.count) channels", reason: "give 1 to 64 EEG channels")
        }
        for (i, c) in e.channels.enumerated() {
            let key = "eeg.channels[\(i)]"
            guard !c.label.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidParameter(parameter: "\(key).label", value: "\"\(c.label)\"", reason: "an EEG channel needs a label")
            }
            try check("\(key).transientGain", c.transientGain, (0...10).contains(c.transientGain), "must be 0 to 10")
            try check("\(key).bereitschaftGain", c.bereitschaftGain, (0...10).contains(c.bereitschaftGain), "must be 0 to 10")
        }
        try check("eeg.backgroundUV", e.backgroundUV, (0...1000).contains(e.backgroundUV), "must be 0 to 1000 µV")
        try check("eeg.alphaUV", e.alphaUV, (0...1000).contains(e.alphaUV), "must be 0 to 1000 µV")
        try check("eeg.alphaHz", e.alphaHz, (8...13).contains(e.alphaHz), "the alpha rhythm is 8 to 13 Hz")
        try check("eeg.transient.amplitudeUV", e.transient.amplitudeUV, (0...1000).contains(e.transient.amplitudeUV), "must be 0 to 1000 µV")
        try check("eeg.transient.latencyMs", e.transient.latencyMs, (-500...500).contains(e.transient.latencyMs), "must be -500 to 500 ms")
        try check("eeg.transient.widthMs", e.transient.widthMs, (1...50).contains(e.transient.widthMs), "must be 1 to 50 ms")
        try check("eeg.bereitschaft.onsetS", e.bereitschaft.onsetS, (0.1...5).contains(e.bereitschaft.onsetS), "must be 0.1 to 5 s")
        try check("eeg.bereitschaft.amplitudeUV", e.bereitschaft.amplitudeUV, (0...1000).contains(e.bereitschaft.amplitudeUV), "must be 0 to 1000 µV")
    }
}

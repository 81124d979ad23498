import Foundation

/// Everything that defines a simulated recording: length, seed, channels, the myoclonus and
/// confounder models and the artefacts. A (config, seed) pair gives the same samples and ground
/// truth on every platform.
///
/// Every setting has a default, so `SimulationConfig()` is a 10-minute, 1 kHz two-muscle EMG
/// plus 100 Hz wrist accelerometer recording of cortical-type myoclonus with tonic posture,
/// silent periods and voluntary contractions. JSON files need only the settings they change
/// (``SimulationConfig/decode(json:)``). Ranges are `[low, high]` pairs in JSON.
public struct SimulationConfig: Sendable, Codable, Equatable {
    /// Seconds of recording (0 < duration ≤ 31 days).
    public var durationSeconds: Double = 600
    /// The seed of every random draw.
    public var seed: UInt64 = 1
    /// Start of the recording, ISO 8601 (a fixed date keeps files reproducible byte for byte).
    public var startDate: String = "2024-01-01T08:00:00Z"
    public var emg = EMGSetup()
    public var motion = MotionSetup()
    public var positive = PositiveMyoclonus()
    public var voluntary = VoluntaryContractions()
    public var tonic = TonicPosture()
    public var negative = NegativeMyoclonus()
    public var rhythmic = RhythmicRuns()
    public var walking = Walking()
    public var artefacts = Artefacts()
    /// Scalp EEG with a cortical transient before each jerk (off by default; see ``EEGSetup``).
    public var eeg = EEGSetup()

    public init() {}

    /// One recorded muscle.
    public struct Muscle: Sendable, Codable, Equatable {
        /// The channel label; "EMG " keeps Myotrace's kind inference (and EDF+ practice) right.
        public var label: String
        /// Distance along the spread chain from the muscle where each event starts, in cm; the
        /// event reaches this muscle `distanceCm / 100 / spreadVelocity` seconds later.
        public var distanceCm: Double = 0
        /// Burst amplitude relative to the event's amplitude (co-activation of antagonists).
        public var burstGain: Double = 1
        /// Tonic level relative to the posture's level.
        public var tonicGain: Double = 1

        public init(label: String, distanceCm: Double = 0, burstGain: Double = 1, tonicGain: Double = 1) {
            self.label = label
            self.distanceCm = distanceCm
            self.burstGain = burstGain
            self.tonicGain = tonicGain
        }

        /// Only `label` is required in JSON; the rest keep their defaults.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            label = try c.decode(String.self, forKey: .label)
            distanceCm = try c.decodeIfPresent(Double.self, forKey: .distanceCm) ?? 0
            burstGain = try c.decodeIfPresent(Double.self, forKey: .burstGain) ?? 1
            tonicGain = try c.decodeIfPresent(Double.self, forKey: .tonicGain) ?? 1
        }
    }

    /// Surface EMG channels, in µV.
    ///
    /// Model (per muscle m, sample k): `x[k] = clamp(e_m[k] · c_m[k], ±5 e_m[k]) + artefacts`,
    /// where `c_m` is unit-variance Gaussian white noise through a 2nd-order Butterworth
    /// band-pass `carrierBandHz` (the spectrum of surface EMG) and `e_m` is the RMS envelope
    /// in µV, `e² = restingNoise² + (tonic·gate)² + Σ bursts² + voluntary²`: independent motor
    /// unit pools add in power. The 5σ clamp stands in for amplifier headroom and keeps the
    /// declared physical range unclippable; it changes the RMS by under 0.01 %.
    public struct EMGSetup: Sendable, Codable, Equatable {
        /// Hz, 250...4000.
        public var sampleRate: Double = 1000
        /// Agonist and antagonist at the same site by default: in cortical reflex myoclonus
        /// both burst together (Hallett 1977, docs/sources.md).
        public var muscles: [Muscle] = [Muscle(label: "EMG R-FDI"),
                                        Muscle(label: "EMG R-ECR", burstGain: 0.7, tonicGain: 0.8)]
        /// Spread velocity along the chain, m/s. 7 m/s is the middle of the 3-11 m/s of
        /// propriospinal spread (Brown 1994, docs/sources.md).
        public var spreadVelocity: Double = 7
        /// The carrier's band, Hz; the upper edge is capped at 0.45 × the sample rate.
        public var carrierBandHz: ClosedRange<Double> = 30...250
        /// RMS of the amplifier and skin noise at rest, µV (a good surface EMG amplifier: 1-3 µV).
        public var restingNoiseUV: Double = 2.5
        public init() {}
    }

    /// Wrist accelerometer (3 axes, g) and optional gyroscope (3 axes, deg/s).
    ///
    /// Model: gravity (1 g) along a slowly drifting orientation (tilt and azimuth knots every
    /// 5 s, linearly interpolated), postural sway (knots every 0.5 s), Gaussian sensor noise,
    /// plus the transients of the events (see ``PositiveMyoclonus``, ``NegativeMyoclonus``,
    /// ``VoluntaryContractions``, ``Walking``). The gyroscope sees the same transients as
    /// angular velocity (`gyroDpsPerG` per g of the transient) and its own noise.
    public struct MotionSetup: Sendable, Codable, Equatable {
        public var accelerometer = true
        /// Hz, 10...1000.
        public var sampleRate: Double = 100
        public var gyroscope = false
        /// RMS sensor noise, g (MEMS wrist sensors: 1-5 mg).
        public var sensorNoiseG: Double = 0.002
        /// RMS of slow postural sway, g.
        public var swayG: Double = 0.01
        /// Gyroscope noise, deg/s RMS.
        public var gyroNoiseDps: Double = 0.5
        /// Angular velocity per g of an event transient, deg/s.
        public var gyroDpsPerG: Double = 150
        public init() {}
    }

    /// Positive myoclonus: brief EMG bursts and the limb jerk they cause.
    ///
    /// EMG envelope of a burst: raised-cosine rise (`riseMs`), plateau with ±20 % irregularity
    /// (a sine of 15-40 Hz), raised-cosine fall (`fallMs`); the truth duration is rise + plateau +
    /// fall (in a burst shorter than the longest rise plus fall,
    /// both shrink in proportion so they take at most 60 % of it). Onsets follow a Poisson process of `ratePerMinute`; with `clusterProbability` a jerk
    /// starts a cluster of `clusterSize` bursts separated by `clusterGapMs` (offset to next onset).
    /// Accelerometer: a damped oscillation `A·sin(2πft)·exp(-t/τ)` (f 6-15 Hz, τ 1/f) in a random
    /// direction, starting 20-50 ms after the EMG onset (electromechanical delay), with peak
    /// `A = accPeakGPer100uV · (amplitude / 100 µV)^0.7` (force grows less than linearly with EMG).
    public struct PositiveMyoclonus: Sendable, Codable, Equatable {
        public var ratePerMinute: Double = 10
        /// Burst duration, ms. docs/sources.md: bursts last 10-300 ms (cortical 10-50, rarely over 100;
        /// brainstem over 100; functional usually over 70: Eberhardt & Topka 2017, Pal 2011).
        public var durationMs: ClosedRange<Double> = 20...250
        /// Plateau RMS, µV, drawn log-uniform.
        public var amplitudeUV: ClosedRange<Double> = 40...800
        public var riseMs: ClosedRange<Double> = 2...6
        public var fallMs: ClosedRange<Double> = 5...20
        public var clusterProbability: Double = 0.15
        public var clusterSize: ClosedRange<Int> = 2...4
        public var clusterGapMs: ClosedRange<Double> = 150...400
        public var accPeakGPer100uV: Double = 0.1
        public var accDelayMs: ClosedRange<Double> = 20...50
        public init() {}
    }

    /// Voluntary contractions: the commonest confounder, which must not be counted as jerks.
    ///
    /// EMG envelope: raised-cosine ramps of `rampMs` up and down around a plateau; the whole
    /// contraction lasts `durationS`. Accelerometer: one sine cycle `A·sin(2πt/d)` over the
    /// contraction along a random direction, 30-80 ms after onset.
    public struct VoluntaryContractions: Sendable, Codable, Equatable {
        public var ratePerMinute: Double = 1.5
        public var durationS: ClosedRange<Double> = 0.5...3
        public var amplitudeUV: ClosedRange<Double> = 60...500
        public var rampMs: ClosedRange<Double> = 80...250
        public var accPeakG: ClosedRange<Double> = 0.03...0.15
        public init() {}
    }

    /// Tonic posture: segments of sustained low-level activity (arms held out), the background
    /// negative myoclonus interrupts. Level slowly modulated by `1 + modulation·sin(2π·0.2t + φ)`,
    /// with 0.5 s ramps at the segment edges.
    public struct TonicPosture: Sendable, Codable, Equatable {
        public var enabled = true
        public var segmentDurationS: ClosedRange<Double> = 10...60
        public var gapS: ClosedRange<Double> = 20...90
        public var levelUV: ClosedRange<Double> = 15...40
        public var modulation: Double = 0.15
        public init() {}
    }

    /// Negative myoclonus: silent periods inside tonic segments (asterixis, lapses).
    ///
    /// The tonic envelope drops to `residualFraction` of its level with 4 ms raised-cosine edges
    /// for `durationMs`, with at least 0.3 s of tonic activity before and after (docs/sources.md:
    /// an interruption shorter than 500 ms with no preceding jerk, ILAE; silent periods of
    /// 50-300 ms in progressive myoclonus epilepsy, a home algorithm took 70-230 ms with activity
    /// before and after, Rissanen 2023). Accelerometer: a 3-6 Hz damped dip along gravity
    /// 50-100 ms after the silent-period onset (the limb sags when the holding muscle lets go).
    public struct NegativeMyoclonus: Sendable, Codable, Equatable {
        /// Silent periods per minute of tonic activity.
        public var ratePerMinuteOfTonic: Double = 6
        public var durationMs: ClosedRange<Double> = 50...200
        public var residualFraction: Double = 0.05
        public var accDipG: ClosedRange<Double> = 0.02...0.08
        public init() {}
    }

    /// Rhythmic runs: trains of short bursts at a fixed rate, as in propriospinal (1-7 Hz,
    /// Brown 1994) or palatal myoclonus (often 0.5-5 Hz), each burst a positive event in the
    /// truth. Intervals jitter ±5 %. Off by default.
    public struct RhythmicRuns: Sendable, Codable, Equatable {
        public var runsPerHour: Double = 0
        public var rateHz: Double = 3
        public var burstsPerRun: ClosedRange<Int> = 5...15
        public var durationMs: ClosedRange<Double> = 20...60
        public var amplitudeUV: ClosedRange<Double> = 60...400
        public init() {}
    }

    /// Walking bouts (accelerometer and gyroscope only): step impacts at the cadence, mostly
    /// vertical, `peakG·(0.6 sin(2πf t) + 0.4 |sin(2πf t)|^8 …)` shaped, plus arm swing at half
    /// the cadence. The hard case for wrist-only jerk detection. Off by default.
    public struct Walking: Sendable, Codable, Equatable {
        public var enabled = false
        public var boutDurationS: ClosedRange<Double> = 20...120
        public var gapS: ClosedRange<Double> = 60...300
        public var cadenceStepsPerMinute: ClosedRange<Double> = 100...120
        public var peakG: ClosedRange<Double> = 0.2...0.4
        public init() {}
    }

    /// Artefacts added to every EMG channel.
    ///
    /// Mains: `a·sin(2πf t + φ) + a₃·sin(6πf t + φ₃)` (the third harmonic dominates in practice).
    /// Baseline wander: three sines of 0.05-0.5 Hz summing to `baselineWanderUV` RMS.
    /// ECG: a QRS complex (Q -0.15, R 1, S -0.3 Gaussians of 8-10 ms) of `ecgUV` peak at
    /// `heartRateBPM` with ±3 % beat-to-beat variation. Electrode pops: a step of `popUV`
    /// decaying with a 0.1-0.4 s time constant on one channel.
    public struct Artefacts: Sendable, Codable, Equatable {
        /// 50 or 60 Hz.
        public var mainsHz: Double = 50
        public var mainsUV: Double = 2
        public var mainsHarmonicUV: Double = 0.7
        public var baselineWanderUV: Double = 20
        /// QRS peak, µV; 0 turns the ECG artefact off.
        public var ecgUV: Double = 0
        public var heartRateBPM: Double = 70
        public var electrodePopsPerHour: Double = 0
        public var popUV: ClosedRange<Double> = 300...1500
        public init() {}
    }
}

import Foundation

/// One channel of samples at a fixed rate, in physical units.
///
/// Samples are a contiguous `[Float]`: 4 bytes a sample is enough for any biosignal ADC (24 bits
/// at most) and halves memory and bandwidth against `Double`, which matters on multi-hour
/// recordings. DSP blocks keep their internal state in `Double` where precision needs it.
public struct Signal: Sendable, Equatable {
    /// The channel's name as the file gives it ("EMG L-Tib", "Fp1", "Accel X").
    public var label: String
    /// What the channel measures; inferred from the label, transducer and unit, overridable.
    public var kind: ChannelKind
    /// The physical unit of `samples` ("uV", "mV", "g", "m/s^2", "deg/s").
    public var unit: String
    /// Samples per second, in Hz. Fractional rates (12.8 Hz, 487.5 Hz) are allowed.
    public var sampleRate: Double
    /// The samples, in `unit`.
    public var samples: [Float]
    /// The transducer as the file describes it ("AgAgCl electrode"), or "".
    public var transducer: String
    /// The prefiltering as the file describes it ("HP:0.1Hz LP:75Hz"), or "".
    public var prefilter: String

    public init(label: String, kind: ChannelKind? = nil, unit: String = "", sampleRate: Double,
                samples: [Float], transducer: String = "", prefilter: String = "") {
        self.label = label
        self.kind = kind ?? ChannelKind.infer(label: label, transducer: transducer, unit: unit)
        self.unit = unit
        self.sampleRate = sampleRate
        self.samples = samples
        self.transducer = transducer
        self.prefilter = prefilter
    }

    /// Number of samples.
    public var count: Int { samples.count }

    /// Length in seconds (`count / sampleRate`).
    public var duration: Double { sampleRate > 0 ? Double(samples.count) / sampleRate : 0 }

    /// The time in seconds of sample `index`, from the start of the signal.
    public func time(ofSample index: Int) -> Double { Double(index) / sampleRate }

    /// The index of the sample at or just before `seconds`, clamped to the signal.
    public func sampleIndex(at seconds: Double) -> Int {
        min(max(0, Int((seconds * sampleRate).rounded(.down))), max(0, samples.count - 1))
    }
}

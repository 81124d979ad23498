/// The per-sample measures of ``MotionFrontEnd``, packed in one SIMD value so that writing or
/// copying a sample's measures is one 32-byte store.
///
/// - `envelope`: running RMS of the transient-band vector magnitude over the envelope window.
/// - `energy`: squared transient-band vector magnitude (instantaneous energy).
/// - `movement`: smoothed movement-band vector magnitude (held over each slow block).
/// - `alongGravity`: transient-band acceleration along the gravity direction (negative: the
///   limb's support against gravity drops, it falls); zero without a gravity direction.
/// - `lapse`: the acceleration along gravity, high-passed at ``MotionFrontEnd/lapseHighPass``
///   (the abrupt start of a fall stands out there, slow postural sway does not); zero without
///   a gravity direction.
/// - `lapseLevel`: the quiet level (minimum-tracking RMS) of `lapse`, held over each slow block.
/// - `gaitEnergy`: squared vector magnitude of the gait-free band (above ``MotionFrontEnd/gaitBandLow``),
///   where heel strikes are weak and a jerk's ringing is not.
struct MotionMeasure: Sendable, Equatable {
    var packed = SIMD8<Float>()

    init() {}

    @inline(__always)
    init(envelope: Float, energy: Float, movement: Float, alongGravity: Float, gaitEnergy: Float, lapse: Float,
         lapseLevel: Float) {
        packed = SIMD8(envelope, energy, movement, alongGravity, gaitEnergy, lapse, lapseLevel, 0)
    }

    /// The measures already packed in the order above (the last lane unused).
    @inline(__always)
    init(_ packed: SIMD8<Float>) {
        self.packed = packed
    }

    var envelope: Float { packed[0] }
    var energy: Float { packed[1] }
    var movement: Float { packed[2] }
    var alongGravity: Float { packed[3] }
    var gaitEnergy: Float { packed[4] }
    var lapse: Float { packed[5] }
    var lapseLevel: Float { packed[6] }
}

/// The per-sample measures of ``MotionFrontEnd``, packed in one SIMD value so that writing or
/// copying a sample's measures is one 16-byte store.
///
/// - `envelope`: running RMS of the transient-band vector magnitude over the envelope window.
/// - `energy`: squared transient-band vector magnitude (instantaneous energy).
/// - `movement`: smoothed movement-band vector magnitude (held over each slow block).
/// - `alongGravity`: transient-band acceleration along the gravity direction (negative: the
///   limb's support against gravity drops, it falls); zero without a gravity direction.
struct MotionMeasure: Sendable, Equatable {
    var packed = SIMD4<Float>()

    init() {}

    @inline(__always)
    init(envelope: Float, energy: Float, movement: Float, alongGravity: Float) {
        packed = SIMD4(envelope, energy, movement, alongGravity)
    }

    var envelope: Float { packed[0] }
    var energy: Float { packed[1] }
    var movement: Float { packed[2] }
    var alongGravity: Float { packed[3] }
}

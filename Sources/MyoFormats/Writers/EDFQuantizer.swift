import Foundation

/// Maps physical values to the digital range of one channel, as the header states it.
struct Quantizer {
    let minText: String
    let maxText: String
    let physicalMin: Double
    let physicalMax: Double
    let digitalMin: Int32
    let digitalMax: Int32
    /// Digital steps per physical unit, from the values as written (what readers will use).
    let scale: Double
    /// The requested range had zero width and was widened.
    let widened: Bool
    /// Fitting the range into 8 characters more than doubled its width.
    let lostPrecision: Bool

    /// `nil` when the range cannot be written in 8 characters.
    init?(requested: ClosedRange<Double>, digital: ClosedRange<Int32>) {
        var low = requested.lowerBound, high = requested.upperBound
        widened = !(low < high)
        if widened {
            let spread = low == 0 ? 1 : abs(low)
            low -= spread
            high += spread
        }
        guard let lo = EDFHeaderEncoding.outwardNumber(low, down: true),
              let hi = EDFHeaderEncoding.outwardNumber(high, down: false), lo.value < hi.value else { return nil }
        minText = lo.text
        maxText = hi.text
        physicalMin = lo.value
        physicalMax = hi.value
        digitalMin = digital.lowerBound
        digitalMax = digital.upperBound
        scale = Double(Int64(digitalMax) - Int64(digitalMin)) / (hi.value - lo.value)
        lostPrecision = !widened && (hi.value - lo.value) > 2 * (high - low)
    }

    /// The digital value for physical `x`, rounded to nearest and clamped; NaN gives the minimum.
    @inline(__always)
    func digital(_ x: Float) -> (value: Int32, clipped: Bool) {
        let v = ((Double(x) - physicalMin) * scale + Double(digitalMin)).rounded()
        if v >= Double(digitalMin) && v <= Double(digitalMax) { return (Int32(v), false) }
        if v > Double(digitalMax) { return (digitalMax, true) }
        return (digitalMin, true)
    }
}

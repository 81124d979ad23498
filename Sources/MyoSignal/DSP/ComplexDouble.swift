import Foundation

/// A minimal complex number for filter design and frequency responses.
///
/// Internal on purpose: MyoSignal has no third-party dependency and needs only the handful of
/// operations below, all O(1).
struct ComplexDouble: Sendable, Equatable {
    var re: Double
    var im: Double

    init(_ re: Double, _ im: Double = 0) {
        self.re = re
        self.im = im
    }

    /// e^(i·phase).
    static func unit(phase: Double) -> ComplexDouble { ComplexDouble(cos(phase), sin(phase)) }

    var conjugate: ComplexDouble { ComplexDouble(re, -im) }
    var magnitude: Double { hypot(re, im) }

    static func + (a: ComplexDouble, b: ComplexDouble) -> ComplexDouble { ComplexDouble(a.re + b.re, a.im + b.im) }
    static func - (a: ComplexDouble, b: ComplexDouble) -> ComplexDouble { ComplexDouble(a.re - b.re, a.im - b.im) }
    static prefix func - (a: ComplexDouble) -> ComplexDouble { ComplexDouble(-a.re, -a.im) }
    static func * (a: ComplexDouble, b: ComplexDouble) -> ComplexDouble {
        ComplexDouble(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    static func * (a: ComplexDouble, s: Double) -> ComplexDouble { ComplexDouble(a.re * s, a.im * s) }
    static func / (a: ComplexDouble, b: ComplexDouble) -> ComplexDouble {
        // Smith's algorithm: avoids overflow when |b| is large or small.
        if abs(b.re) >= abs(b.im) {
            let r = b.im / b.re, d = b.re + b.im * r
            return ComplexDouble((a.re + a.im * r) / d, (a.im - a.re * r) / d)
        } else {
            let r = b.re / b.im, d = b.re * r + b.im
            return ComplexDouble((a.re * r + a.im) / d, (a.im * r - a.re) / d)
        }
    }

    /// The principal square root.
    var squareRoot: ComplexDouble {
        let m = magnitude
        if m == 0 { return ComplexDouble(0) }
        let r = sqrt((m + abs(re)) / 2)
        if re >= 0 { return ComplexDouble(r, im / (2 * r)) }
        return ComplexDouble(abs(im) / (2 * r), im >= 0 ? r : -r)
    }
}

import Foundation

/// Exact tests and intervals for comparing two Poisson rates, through the binomial
/// distribution conditional on the total count.
///
/// If `x1 ~ Poisson(λ1·t1)` and `x0 ~ Poisson(λ0·t0)` are independent, then given
/// `n = x1 + x0`, `x1 ~ Binomial(n, π)` with `π = λ1·t1 / (λ1·t1 + λ0·t0)`. Under equal rates
/// `π = t1 / (t1 + t0)`. This is the standard exact comparison of two Poisson rates (the
/// conditional binomial test; Clopper-Pearson limits on `π` give the exact interval for the
/// rate ratio). Binomial tails and beta quantiles come from the regularized incomplete beta
/// function, evaluated by its continued fraction, so counts in the millions cost microseconds.
public enum RateStatistics {
    /// `I_x(a, b)`, the regularized incomplete beta function, for `a, b > 0`.
    /// Accurate to about 1e-13 relative; O(√max(a, b)) terms at worst.
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        guard a > 0, b > 0, x.isFinite else { return .nan }
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        // The continued fraction converges fast on this side of the mean; use the symmetry
        // I_x(a, b) = 1 - I_{1-x}(b, a) on the other.
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }

    /// The continued fraction of the incomplete beta function, by the modified Lentz method.
    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...200_000 {
            let mm = Double(m), m2 = 2 * mm
            var step = mm * (b - mm) * x / ((qam + m2) * (a + m2))
            d = 1 + step * d
            if abs(d) < tiny { d = tiny }
            c = 1 + step / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            step = -(a + mm) * (qab + mm) * x / ((a + m2) * (qap + m2))
            d = 1 + step * d
            if abs(d) < tiny { d = tiny }
            c = 1 + step / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }

    /// `P(X ≥ k)` for `X ~ Binomial(n, p)`.
    public static func binomialUpperTail(atLeast k: Int, trials n: Int, probability p: Double) -> Double {
        if k <= 0 { return 1 }
        if k > n { return 0 }
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        return regularizedIncompleteBeta(p, a: Double(k), b: Double(n - k + 1))
    }

    /// The `q` quantile of the Beta(a, b) distribution, by bisection on ``regularizedIncompleteBeta(_:a:b:)``
    /// (monotone in x), to 1e-15.
    public static func betaQuantile(_ q: Double, a: Double, b: Double) -> Double {
        guard q > 0 else { return 0 }
        guard q < 1 else { return 1 }
        var lo = 0.0, hi = 1.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if regularizedIncompleteBeta(mid, a: a, b: b) < q { lo = mid } else { hi = mid }
            if hi - lo < 1e-15 { break }
        }
        return (lo + hi) / 2
    }

    /// The rate ratio `(x1/t1) / (x0/t0)` with its exact conditional (Clopper-Pearson)
    /// confidence interval, or `nil` when either exposure is zero or there are no events at all.
    /// The upper limit is infinite when `x0 == 0`; the lower is 0 when `x1 == 0`.
    public static func rateRatio(count1 x1: Int, exposure1 t1: Double, count0 x0: Int, exposure0 t0: Double,
                                 confidence: Double = 0.95) -> (ratio: Double, lower: Double, upper: Double)? {
        guard t1 > 0, t0 > 0, t1.isFinite, t0.isFinite, x1 >= 0, x0 >= 0, x1 + x0 > 0 else { return nil }
        let alpha = 1 - confidence
        let n = x1 + x0
        let piLow = x1 == 0 ? 0 : betaQuantile(alpha / 2, a: Double(x1), b: Double(n - x1 + 1))
        let piHigh = x0 == 0 ? 1 : betaQuantile(1 - alpha / 2, a: Double(x1 + 1), b: Double(n - x1))
        func ratio(_ pi: Double) -> Double { pi >= 1 ? .infinity : pi / (1 - pi) * t0 / t1 }
        let point = x0 == 0 ? Double.infinity : (Double(x1) / t1) / (Double(x0) / t0)
        return (point, ratio(piLow), ratio(piHigh))
    }

    /// One-sided exact test that the rate in window 1 exceeds the rate in window 0:
    /// `P(X ≥ x1)` for `X ~ Binomial(x1 + x0, t1 / (t1 + t0))`. Being discrete, the test's
    /// false-alarm rate is at most the level it is compared against. `nil` without exposure.
    public static func increasePValue(count1 x1: Int, exposure1 t1: Double, count0 x0: Int, exposure0 t0: Double) -> Double? {
        guard t1 > 0, t0 > 0, t1.isFinite, t0.isFinite, x1 >= 0, x0 >= 0 else { return nil }
        return binomialUpperTail(atLeast: x1, trials: x1 + x0, probability: t1 / (t1 + t0))
    }
}
